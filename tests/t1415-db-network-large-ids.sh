#!/bin/sh
test_description='circle db merge: ids of 2^21 and more (mergeattend.c
hashes a row'"'"'s three ids as one word below 2^21, as 24 bytes from it):
a facilitator'"'"'s ids on both sides of 2^21 merged first and again; a
file of more than 2^21 attendance rows copied whole, and merged row by
row when one index entry past 2^21 names another person'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# 2^21 - 3: what the filler rows take, so that the ids made after them
# are two under 2^21 and the rest from it.
LOW=2097149
NOW=2026-01-01T00:00:00Z

# A merge of more than 2^21 rows takes seconds; under valgrind, hours.
test_lazy_prereq NOT_VALGRIND 'test -z "$CIRCLE_VALGRIND"'

# both_sides DB TABLE: the table's ids are under 2^21 and from it.
both_sides() {
	test "$(sql "$1" "SELECT min(id) < 2097152 AND max(id) >= 2097152
	    FROM $2")" = 1
}

test_expect_success 'setup: Ada'"'"'s people, sessions and marks numbered across 2^21' '
	ada init >/dev/null &&
	ada group add --tz UTC "Big Ids" >/dev/null &&
	sql "$ADA" "INSERT INTO member (id, uid, handle, display_name,
	    created_at, updated_at) VALUES ($LOW, '"'p-m'"', '"'p-m'"',
	    '"'P'"', '"'$NOW'"', '"'$NOW'"');
	    INSERT INTO session (id, uid, grp_id, starts_at, ends_at,
	    local_start, tzid, created_at, updated_at) VALUES ($LOW,
	    '"'p-s'"', 1, '"'2020-01-01T00:00:00Z'"',
	    '"'2020-01-01T01:00:00Z'"', '"'2020-01-01T00:00'"', '"'UTC'"',
	    '"'$NOW'"', '"'$NOW'"');
	    INSERT INTO attendance (id, session_id, member_id, status,
	    created_at, updated_at) VALUES ($LOW, $LOW, $LOW, '"'present'"',
	    '"'$NOW'"', '"'$NOW'"')" &&
	for n in Ann Bob Cat Dan Eve; do
		ada roster add "$n Doe" >/dev/null &&
		ada roster join --on 2025-01-01 "$(echo $n | tr A-Z a-z)-d" \
		    big-ids || return 1
	done &&
	for d in 2025-03-04 2025-03-11 2025-03-18 2025-03-25; do
		ada session add --group big-ids $d 19:30 >/dev/null &&
		ada attend mark --group big-ids $d ann-d bob-d cat-d dan-d \
		    eve-d >/dev/null || return 1
	done &&
	sql "$ADA" "DELETE FROM attendance WHERE id = $LOW;
	    DELETE FROM session WHERE id = $LOW;
	    DELETE FROM member WHERE id = $LOW;
	    DELETE FROM removed WHERE uid LIKE '"'p-%'"'" &&
	both_sides "$ADA" member &&
	both_sides "$ADA" session &&
	both_sides "$ADA" attendance &&
	ada db extract --all -o ada.circle >/dev/null &&
	both_sides ada.circle attendance
'

test_expect_success 'ids across 2^21 merge first, as row by row, and again, and a change comes' '
	merge_traced e1.db ada.circle &&
	rm -f e2.db* &&
	circle --db e2.db db init >/dev/null &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge ada.circle \
	    >e2.db.out &&
	test_cmp e1.db.out e2.db.out &&
	test_grep "^attendance *20 added, 0 updated" e1.db.out &&
	test "$(circle --db e1.db db check)" = ok &&
	attendance_of "$ADA" >att.ada &&
	attendance_of e1.db >att.e1 &&
	attendance_of e2.db >att.e2 &&
	test_cmp att.ada att.e1 &&
	test_cmp att.ada att.e2 &&
	circle --db e1.db db merge ada.circle >again &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 20 unchanged" \
	    again &&
	sleep 1 &&
	ada attend mark --group big-ids --late 2025-03-25 eve-d >/dev/null &&
	ada db extract --all -o ada2.circle >/dev/null &&
	circle --db e1.db db merge ada2.circle >again2 &&
	test_grep "^attendance *0 added, 1 updated, 0 removed, 19 unchanged" \
	    again2 &&
	attendance_of "$ADA" >att.ada &&
	attendance_of e1.db >att.e1 &&
	test_cmp att.ada att.e1 &&
	test "$(circle --db e1.db db check)" = ok
'

# big_file FILE: an extract of Bo'"'"'s (ids from 1) with 1,450 people and
# 1,450 sessions in one group, and attendance ids 1 to 2^21 + 59 (every
# person at every session, in order, until then), its sums written again.
big_file() {
	bo init >/dev/null &&
	bo group add --tz UTC "Large" >/dev/null &&
	bo roster add "Ann Bee" >/dev/null &&
	bo session add --group large 2020-01-01 10:00 >/dev/null &&
	bo attend mark --group large 2020-01-01 ann-b >/dev/null &&
	bo db extract --all -o "$1" >/dev/null &&
	sql "$1" "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
	    BEGIN;
	    WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n
	    WHERE i < 1450)
	    INSERT INTO member (id, uid, handle, display_name, created_at,
	    updated_at) SELECT i, printf('"'00000000-0000-4000-8000-%012d'"',
	    i), printf('"'p-%d'"', i), printf('"'P %d'"', i), '"'$NOW'"',
	    '"'$NOW'"' FROM n;
	    WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n
	    WHERE i < 1450)
	    INSERT INTO session (id, uid, grp_id, starts_at, ends_at,
	    local_start, tzid, status, created_at, updated_at) SELECT i,
	    printf('"'00000000-0000-4000-9000-%012d'"', i), 1,
	    strftime('"'%Y-%m-%dT%H:%M:%SZ'"', '"'2020-01-01 10:00'"',
	    i || '"' days'"'), strftime('"'%Y-%m-%dT%H:%M:%SZ'"',
	    '"'2020-01-01 11:30'"', i || '"' days'"'),
	    strftime('"'%Y-%m-%dT%H:%M'"', '"'2020-01-01 10:00'"',
	    i || '"' days'"'), '"'UTC'"', '"'held'"', '"'$NOW'"', '"'$NOW'"'
	    FROM n;
	    INSERT INTO attendance (session_id, member_id, status, created_at,
	    updated_at) SELECT s.id, m.id, '"'present'"', '"'$NOW'"',
	    '"'$NOW'"' FROM session s CROSS JOIN member m WHERE s.id > 1 OR
	    m.id > 1 ORDER BY s.id, m.id LIMIT 2097210;
	    COMMIT" &&
	test "$(sql "$1" "SELECT count(*) = 2097211 AND max(id) = 2097211
	    FROM attendance")" = 1 &&
	resum "$1"
}

test_expect_success NOT_VALGRIND 'more than 2^21 attendance rows are copied whole, and merged again' '
	big_file big.circle &&
	merge_traced b1.db big.circle &&
	copied b1.db &&
	test_grep "^attendance *2097211 added" b1.db.out &&
	test "$(circle --db b1.db db check)" = ok &&
	circle --db b1.db db merge big.circle >again &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 2097211 unchanged" \
	    again
'

# marked DB SESSION PERSON: the marks of a person at a session, by uids.
marked() {
	sql "$1" "SELECT count(*) FROM attendance a JOIN session s ON s.id =
	    a.session_id JOIN member m ON m.id = a.member_id WHERE s.uid =
	    '$2' AND m.uid = '$3'"
}

# The last row (2^21 + 59) given to another person in the table and not in
# its index: the ids hashed as 24 bytes (mergeattend.c: key_bytes) must
# still tell the index from the table.
test_expect_success NOT_VALGRIND 'an index entry past 2^21 naming another person is not copied' '
	cp big.circle stale.circle &&
	to=$(sql stale.circle "SELECT max(id) FROM member WHERE id NOT IN
	    (SELECT member_id FROM attendance WHERE session_id = (SELECT
	    session_id FROM attendance WHERE id = 2097211))") &&
	stale_entry stale.circle 2097211 $to &&
	merge_traced b2.db stale.circle &&
	! copied b2.db &&
	test_grep "^attendance *2097211 added" b2.db.out &&
	test "$(sql b2.db "PRAGMA integrity_check")" = ok &&
	suid=$(sql stale.circle "SELECT s.uid FROM attendance a NOT INDEXED
	    JOIN session s ON s.id = a.session_id WHERE a.id = 2097211") &&
	was=$(sql big.circle "SELECT m.uid FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE a.id = 2097211") &&
	now=$(sql stale.circle "SELECT uid FROM member WHERE id = $to") &&
	test "$(marked b2.db "$suid" "$now")" = 1 &&
	test "$(marked b2.db "$suid" "$was")" = 0
'

test_done
