#!/bin/sh
test_description='a coordinator'"'"'s extract merged at a facilitator'"'"'s after
circle roster merge there: the record merged away, still the facilitator'"'"'s
own, is not forgotten; the file says which records were made one, and the
facilitator is told how to make them one'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Monday group, Bo the Wednesday group; Dana is in both, a
# record in each database.  Cy coordinates and makes them one, keeping
# Ada's (dana-d) and merging Bo's (dana-d-2 there) away.

test_expect_success 'setup: Dana in two groups of two facilitators, made one by Cy' '
	ada init >/dev/null && bo init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	bo group add --tz UTC "Wednesday Group" >/dev/null &&
	ada roster add --email dana@example.org "Dana Diaz" >/dev/null &&
	bo roster add --phone 555-0100 "Dana Diaz" >/dev/null &&
	bo roster add "Fay Fox" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday-group >/dev/null &&
	bo roster join --on 2026-10-01 dana-d wednesday-group >/dev/null &&
	bo roster join --on 2026-10-01 fay-f wednesday-group >/dev/null &&
	ada session add --group monday-group 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-02 dana-d >/dev/null &&
	for d in 2026-11-04 2026-11-11; do
		bo session add --group wednesday-group $d 18:00 >/dev/null &&
		bo attend mark --group wednesday-group $d dana-d fay-f \
		    >/dev/null || return 1
	done &&
	ada db extract --all -o ada.circle >/dev/null &&
	bo db extract --all -o bo.circle >/dev/null &&
	cy db merge ada.circle bo.circle >/dev/null &&
	sleep 1 &&
	cy roster merge dana-d dana-d-2 >/dev/null &&
	sql "$BO" "SELECT uid FROM member WHERE handle = '"'"'dana-d'"'"'" >other &&
	sql "$ADA" "SELECT uid FROM member WHERE handle = '"'"'dana-d'"'"'" >keep &&
	test "$(sql "$CY" "SELECT uid || '"'"' '"'"' || keep_uid FROM
	    merged_away")" = "$(cat other) $(cat keep)"
'

test_expect_success 'the coordinator'"'"'s extract carries the pairing, not the record merged away as forgotten, of what was taken only what the record holds' '
	cy db extract --all -o cy.circle >/dev/null &&
	test "$(sql cy.circle "SELECT count(*) FROM forgotten WHERE uid =
	    '"'"'$(cat other)'"'"'")" = 0 &&
	test "$(sql cy.circle "SELECT uid || '"'"' '"'"' || keep_uid FROM
	    merged_away")" = "$(cat other) $(cat keep)" &&
	test "$(strays cy.circle)" = 0 &&
	test "$(sql cy.circle "SELECT count(*) FROM member WHERE uid =
	    '"'"'$(cat keep)'"'"'")" = 1
'

# sent ADA_OR_BO: a copy of that database (s.db) with the coordinator's
# pseudonymized extract merged, and what the merge said (sent.out).
sent() {
	rm -f s.db s.db-wal s.db-shm &&
	sql "$1" "VACUUM INTO 's.db'" && chmod 600 s.db &&
	circle --db s.db db merge cyp.circle >sent.out
}

# said_of DB: each person'"'"'s marks there, by group.
said_of() {
	sql "$1" "SELECT m.handle || ' ' || g.handle || ' ' || count(*) FROM attendance a JOIN member m ON m.id = a.member_id JOIN
	    session s ON s.id = a.session_id JOIN grp g ON g.id = s.grp_id
	    GROUP BY m.id, g.id ORDER BY 1"
}

test_expect_success 'a pseudonymized extract of the coordinator'"'"'s: no pairing, the record kept under a uid and a code no database holds, neither record among the forgotten' '
	cy db extract --all --pseudonymize -o cyp.circle >out &&
	test_grep ", 0 forgotten\$" out &&
	! grep -q "made one with another" out &&
	test "$(sql cyp.circle "SELECT count(*) FROM merged_away")" = 0 &&
	test "$(sql cyp.circle "SELECT count(*) FROM member WHERE uid IN
	    ('"'"'$(cat keep)'"'"', '"'"'$(cat other)'"'"') UNION ALL SELECT
	    count(*) FROM forgotten WHERE uid IN ('"'"'$(cat keep)'"'"',
	    '"'"'$(cat other)'"'"')")" = "0
0" &&
	test "$(sql cyp.circle "SELECT count(*) FROM member")" = 2 &&
	sql cyp.circle "SELECT display_name FROM member" >sent-codes &&
	ada export csv --pseudonymize --group monday-group members >codes &&
	bo export csv --pseudonymize --group wednesday-group members >>codes &&
	test "$(grep -c "^P-" codes)" = 3 &&
	for c in $(sed -n "s/^\(P-[^,]*\),.*/\1/p" codes); do
		grep "^$c\$" sent-codes || :
	done >found &&
	test "$(wc -l <found)" = 1 &&
	cy db extract --all --pseudonymize -o cyp2.circle >/dev/null &&
	sql cyp.circle "SELECT uid, handle FROM member ORDER BY uid" >expect &&
	sql cyp2.circle "SELECT uid, handle FROM member ORDER BY uid" >actual &&
	test_cmp expect actual
'

test_expect_success 'merged back at the coordinator'"'"'s: the record kept comes back as itself, not as a second person' '
	cy db dump >before &&
	cy db merge cyp.circle >out &&
	test_grep "^cyp.circle: an extract of this database itself: nothing in it is newer than here\$" out &&
	test_grep "^cyp.circle: 0 added, 0 updated, 0 removed" out &&
	! grep -q "made one here" out &&
	cy db dump >after &&
	test_cmp before after
'

test_expect_success 'merged at Ada'"'"'s and at Bo'"'"'s: neither finds their own Dana in it, nor loses her' '
	sent "$ADA" &&
	! grep -q "^look-alike" sent.out &&
	test_grep ", 0 forgotten\$" sent.out &&
	said_of s.db >actual &&
	test_grep "^dana-d monday-group 1\$" actual &&
	! grep -q "^dana-d wednesday-group" actual &&
	test_grep "^p-[0-9a-z-]* wednesday-group 2\$" actual &&
	sent "$BO" &&
	! grep -q "^look-alike" sent.out &&
	test_grep ", 0 forgotten\$" sent.out &&
	said_of s.db >actual &&
	test_grep "^dana-d wednesday-group 2\$" actual &&
	! grep -q "^dana-d monday-group" actual &&
	test_grep "^p-[0-9a-z-]* monday-group 1\$" actual &&
	test "$(sql s.db "SELECT count(*) FROM member WHERE uid =
	    '"'"'$(cat other)'"'"'")" = 1
'

# The person forgotten at the coordinator'"'"'s is forgotten wherever its
# extracts go, as any: Bo'"'"'s Dana too (the pairing went with the record
# kept, and the record merged away is among the forgotten again).
test_expect_success 'the record kept forgotten at the coordinator'"'"'s: the uid it was sent under is forgotten where it went' '
	rm -f cz.db* &&
	sql "$CY" "VACUUM INTO '"'"'cz.db'"'"'" && chmod 600 cz.db &&
	circle --db cz.db roster forget --yes dana-d >/dev/null &&
	circle --db cz.db db extract --all --pseudonymize -o czp.circle \
	    >/dev/null &&
	circle --db s.db db merge czp.circle >out &&
	test_grep "^czp.circle: .*, 2 forgotten\$" out &&
	said_of s.db >actual &&
	echo "fay-f wednesday-group 2" >expect &&
	test_cmp expect actual
'

# The look-alike line Bo is given.
cat >said <<\EOF
look-alike: dana-d-2 and dana-d: made one in the file's database, two records here: circle roster merge dana-d-2 dana-d makes them one here (what this database records of dana-d is then counted under dana-d-2, as there)
EOF

test_expect_success 'merged at Bo'"'"'s (a dry run first): Bo'"'"'s Dana is kept, with her marks, no tombstone of her written, and the two said with the command' '
	sql "$BO" "VACUUM INTO '"'"'before.db'"'"'" &&
	bo db dump >before &&
	bo db merge --dry-run cy.circle >out &&
	grep "^look-alike" out >actual &&
	test_cmp said actual &&
	test_grep "^dry run, nothing written: cy.circle: .*, 0 forgotten\$" out &&
	bo db dump >after &&
	test_cmp before after &&
	bo db merge cy.circle >out &&
	test "$(sql "$BO" "SELECT count(*) FROM member WHERE uid =
	    '"'"'$(cat other)'"'"'")" = 1 &&
	test "$(sql "$BO" "SELECT count(*) FROM forgotten")" = 0 &&
	! bo db dump | grep -q "\"forgotten\"" &&
	test "$(marks "$BO" dana-d wednesday-group)" = 2 &&
	bo roster show dana-d >show &&
	test_grep "^phone	555-0100\$" show &&
	test_grep "^cy.circle: .*, 0 forgotten\$" out &&
	grep "^look-alike" out >actual &&
	test_cmp said actual &&
	test "$(sql "$BO" "SELECT uid FROM member WHERE handle =
	    '"'"'dana-d-2'"'"'")" = "$(cat keep)" &&
	test "$(sql "$BO" "SELECT count(*) FROM merged_away")" = 0
'

test_expect_success 'merged again: nothing changes, the two said again' '
	bo db dump >before &&
	bo db merge cy.circle >out &&
	test_grep "^cy.circle: 0 added, 0 updated, 0 removed" out &&
	grep "^look-alike" out >actual &&
	test_cmp said actual &&
	bo db dump >after &&
	test_cmp before after
'

# kill_merge DELAY: a merge of cy.circle into a copy of Bo's database
# from before it, killed after DELAY seconds: the copy whole, as it was or
# as after the merge, Bo's Dana in it either way and no tombstone of her.
kill_merge() {
	rm -f k.db k.db-wal k.db-shm && cp before.db k.db || return 1
	circle-db --db k.db merge cy.circle >/dev/null 2>err &
	_pid=$!
	sleep "$1"
	kill -9 $_pid 2>/dev/null
	wait $_pid
	_st=$?
	echo "merge exit status $_st"
	case $_st in 0|137) ;; *) cat err >&2; return 1 ;; esac
	test "$(circle --db k.db db check)" = ok &&
	test "$(sql k.db "SELECT count(*) FROM forgotten")" = 0 &&
	test "$(sql k.db "SELECT count(*) FROM member WHERE uid =
	    '$(cat other)'")" = 1
}

for delay in 0.02 0.05 0.1; do
	test_expect_success "kill -9 a merge at Bo's after ${delay}s: Bo's Dana kept, the database whole" '
		kill_merge $delay
	'
done

test_expect_success 'Bo makes them one: the extracts that follow change nothing else at either side' '
	sleep 1 &&
	bo roster merge dana-d-2 dana-d >/dev/null &&
	test "$(marks "$BO" dana-d-2 wednesday-group)" = 2 &&
	bo db extract --all --force -o bo.circle >out &&
	test_grep ", 0 forgotten, 1 made one with another\$" out &&
	test "$(sql bo.circle "SELECT count(*) FROM forgotten")" = 0 &&
	test "$(sql bo.circle "SELECT uid || '"'"' '"'"' || keep_uid FROM
	    merged_away")" = "$(cat other) $(cat keep)" &&
	cy db merge bo.circle >out &&
	! grep -q "^look-alike" out &&
	! grep -q "^conflict" out &&
	! grep -q "forgotten here" out &&
	test_grep "^bo.circle: .*, 0 forgotten\$" out &&
	test "$(marks "$CY" dana-d wednesday-group)" = 2 &&
	test "$(sql "$CY" "SELECT count(*) FROM member WHERE name_fold =
	    '"'"'dana diaz'"'"'")" = 1 &&
	bo report attendance --group wednesday-group | cut -f 2- >expect &&
	cy report attendance --group wednesday-group | cut -f 2- >actual &&
	test_cmp expect actual &&
	cy db extract --all --force -o cy.circle >/dev/null &&
	bo db merge cy.circle >out &&
	! grep -q "^look-alike" out &&
	test_grep "^cy.circle: .*, 0 forgotten\$" out &&
	ada db merge cy.circle >out &&
	! grep -q "^look-alike" out &&
	test_grep "^cy.circle: .*, 0 forgotten\$" out &&
	test "$(marks "$ADA" dana-d monday-group)" = 1
'

test_expect_success 'a file of schema 12 (no pairing, the record merged away among the forgotten) is merged as before' '
	cp before.db old.db &&
	cp cy.circle old.circle &&
	sql old.circle "DELETE FROM merged_away; DELETE FROM forgotten;
	    INSERT INTO forgotten (uid, at) VALUES ('"'"'$(cat other)'"'"',
	    '"'"'2026-12-01T00:00:00Z'"'"'); DROP TABLE merged_away;
	    ALTER TABLE forgotten DROP COLUMN origin;
	    ALTER TABLE forgotten DROP COLUMN keep_uid;
	    ALTER TABLE forgotten DROP COLUMN kept_here;
	    DELETE FROM network WHERE key = '"'"'page_sums'"'"';
	    PRAGMA user_version = 12" &&
	resum old.circle &&
	circle --db old.db db merge old.circle >out &&
	test_grep "^old.circle: .*, 1 forgotten\$" out &&
	! grep -q "^look-alike: dana-d-2 and dana-d: made one" out &&
	test "$(sql old.db "SELECT count(*) FROM member WHERE uid =
	    '"'"'$(cat other)'"'"'")" = 0
'

test_done
