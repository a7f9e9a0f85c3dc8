#!/bin/sh
test_description='circle roster merge at a coordinator'"'"'s, extracts
of it merged by a second coordinator and a third receiver, then a forget
of the record merged away at its facilitator'"'"'s: what came of it goes
at every hop, plain and pseudonymized, once; a schema 14 database keeps
its pairings'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Monday group, Bo the Wednesday group; Dana is in both, a
# record in each database, and Finn in Bo's alone.  Cy makes the two
# Danas one, keeping Ada's.  Dee merges Cy's plain extracts, Eli Dee's;
# Pia merges Cy's pseudonymized extracts, Quin Pia's.
DEE=$TRASH/dee.db
ELI=$TRASH/eli.db
PIA=$TRASH/pia.db
QUIN=$TRASH/quin.db
FAY=$TRASH/fay.db
GUS=$TRASH/gus.db
dee() { circle --db "$DEE" "$@"; }
eli() { circle --db "$ELI" "$@"; }
pia() { circle --db "$PIA" "$@"; }
quin() { circle --db "$QUIN" "$@"; }
fay() { circle --db "$FAY" "$@"; }
gus() { circle --db "$GUS" "$@"; }

# rows DB GROUP: memberships and marks in a group, whoever they are of.
rows() {
	sql "$1" "SELECT (SELECT count(*) FROM membership p JOIN grp g ON
	    g.id = p.grp_id WHERE g.handle = '$2') || ' ' || (SELECT count(*)
	    FROM attendance a JOIN session s ON s.id = a.session_id JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '$2')"
}

test_expect_success 'setup: Dana made one at Cy'"'"'s, sent on two hops, plain and pseudonymized' '
	ada init >/dev/null && bo init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	bo group add --tz UTC "Wednesday Group" >/dev/null &&
	ada roster add --email dana@example.org --notes "ada words" \
	    "Dana Diaz" >/dev/null &&
	bo roster add --pronouns she/her --phone 555-0100 --notes "bo words" \
	    "Dana Diaz" >/dev/null &&
	bo roster add "Finn Fox" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday-group >/dev/null &&
	bo roster join --on 2026-10-01 dana-d wednesday-group >/dev/null &&
	bo roster join --on 2026-10-01 finn-f wednesday-group >/dev/null &&
	ada session add --group monday-group 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-02 dana-d >/dev/null &&
	bo session add --group wednesday-group 2026-11-04 18:00 >/dev/null &&
	bo attend mark --group wednesday-group 2026-11-04 dana-d finn-f \
	    >/dev/null &&
	ada db extract --all -o ada.circle >/dev/null &&
	bo db extract --all -o bo.circle >/dev/null &&
	cy db merge ada.circle bo.circle >/dev/null &&
	sleep 1 &&
	cy roster merge dana-d dana-d-2 >/dev/null &&
	cy db extract --all -o cy.circle >/dev/null &&
	cy db extract --all --pseudonymize -o cyp.circle >/dev/null &&
	dee db merge cy.circle >/dev/null &&
	dee db extract --all -o dee.circle >/dev/null &&
	eli db merge dee.circle >/dev/null &&
	pia db merge cyp.circle >/dev/null &&
	pia db extract --all -o pia.circle >/dev/null &&
	quin db merge pia.circle >/dev/null &&
	printf "%s\n" she/her 555-0100 "ada words" "bo words" >expect &&
	for d in "$DEE" "$ELI"; do
		kept "$d" >actual &&
		test_cmp expect actual &&
		test "$(rows "$d" wednesday-group)" = "2 2" &&
		test "$(sql "$d" "SELECT count(*) FROM merged_away")" = 1 ||
		return 1
	done &&
	for d in "$PIA" "$QUIN"; do
		test "$(rows "$d" wednesday-group)" = "2 2" &&
		test "$(rows "$d" monday-group)" = "1 1" &&
		test "$(sql "$d" "SELECT count(*) FROM merged_away")" = 0 ||
		return 1
	done
'

test_expect_success 'a facilitator who merges the coordinator'"'"'s extract keeps the pairing as Cy'"'"'s; its pseudonymized extracts send its Dana as before' '
	cp "$ADA" ada2.db &&
	circle --db ada2.db db extract --group monday-group --pseudonymize \
	    -o before.circle >/dev/null &&
	circle --db ada2.db db merge cy.circle >/dev/null &&
	test "$(sql ada2.db "SELECT origin FROM merged_away")" = \
	    "$(sql "$CY" "SELECT value FROM network WHERE key =
	    '"'"'origin'"'"'")" &&
	circle --db ada2.db db extract --group monday-group --pseudonymize \
	    -o after.circle >/dev/null &&
	sql before.circle "SELECT uid FROM member ORDER BY uid" >expect &&
	sql after.circle "SELECT uid FROM member ORDER BY uid" >actual &&
	test_cmp expect actual
'

test_expect_success 'a pairing travels with what was taken, within --without-contacts and --without-notes' '
	cy db extract --all --without-contacts --without-notes \
	    -o bare.circle >/dev/null &&
	test "$(sql bare.circle "SELECT coalesce(phone, '"'"'-'"'"') ||
	    coalesce(notes, '"'"'-'"'"') || pronouns FROM merged_away")" = \
	    "--she/her" &&
	test "$(sql cy.circle "SELECT phone || notes FROM merged_away")" = \
	    "555-0100bo words" &&
	test "$(sql cyp.circle "SELECT count(*) FROM merged_away")" = 0
'

test_expect_success 'Fay and Gus merge Bo'"'"'s extract and Cy'"'"'s: two records, the pairing not stored' '
	cp bo.circle bo-before.circle && cp cy.circle cy-before.circle &&
	fay db merge bo.circle cy.circle >out &&
	test_grep "circle roster merge dana-d-2 dana-d" out &&
	gus db merge bo.circle cy.circle >/dev/null &&
	for d in "$FAY" "$GUS"; do
		test "$(sql "$d" "SELECT count(*) FROM merged_away")" = 0 &&
		test "$(sql "$d" "SELECT phone FROM member WHERE handle =
		    '"'"'dana-d-2'"'"'")" = 555-0100 || return 1
	done
'

test_expect_success 'Dee edits Dana herself: her words stay after the forget' '
	sleep 1 &&
	dee roster edit --notes "ada words
bo words
dee words" dana-d >/dev/null
'

test_expect_success 'Bo forgets Dana: at every hop what came of Bo'"'"'s record goes' '
	bo roster forget --yes dana-d >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db merge bo.circle >/dev/null &&
	cy db extract --all --force -o cy.circle >/dev/null &&
	test "$(sql cy.circle "SELECT count(*) FROM forgotten f JOIN member
	    k ON k.uid = f.keep_uid WHERE f.origin IS NOT NULL")" = 1 &&
	dee db merge cy.circle >out &&
	test_grep "1 person made one here with another record was forgotten" \
	    out &&
	dee db extract --all --force -o dee.circle >/dev/null &&
	eli db merge dee.circle >/dev/null &&
	printf "%s\n" - - "ada words
dee words" >expect &&
	kept "$DEE" >actual &&
	test_cmp expect actual &&
	printf "%s\n" - - "ada words" >expect &&
	kept "$ELI" >actual &&
	test_cmp expect actual &&
	for d in "$DEE" "$ELI"; do
		test "$(rows "$d" wednesday-group)" = "1 1" &&
		test "$(rows "$d" monday-group)" = "1 1" &&
		test "$(sql "$d" "SELECT email FROM member WHERE handle =
		    '"'"'dana-d'"'"'")" = dana@example.org &&
		test "$(sql "$d" "SELECT count(*) FROM merged_away")" = 0 &&
		test "$(circle --db "$d" db check)" = ok ||
		return 1
	done &&
	bytes "$DEE" "$ELI"
'

test_expect_success 'a receiver that held Bo'"'"'s record too: the forget takes what the record kept took of it, Bo'"'"'s extract first or Cy'"'"'s' '
	fay db extract --all -o fay.circle >/dev/null &&
	fay db merge --dry-run bo.circle >out &&
	! grep -q "may still be in" out &&
	fay db merge bo.circle >out &&
	test_grep "1 forgotten" out &&
	test_grep "^dana-d may still be in the extract ~/fay.circle ([0-9-]*)\$" out &&
	fay db merge cy.circle >out &&
	test_grep "^what dana-d-2 took of the record forgotten there may still be in the extract ~/fay.circle ([0-9-]*)\$" out &&
	test_grep "^cy.circle: 1 person made one here with another record was forgotten there: the details and notes taken from them that are still as taken are removed from the record kept, dana-d-2; its memberships, marks, check-ins and follow-ups stay (none here came from the record forgotten)\$" out &&
	cp "$GUS" gus2.db &&
	circle --db gus2.db roster edit --notes "ada words
bo words
gus words" dana-d-2 >/dev/null &&
	gus db merge cy.circle >out &&
	! grep -q "changed here since" out &&
	circle --db gus2.db db merge cy.circle >out &&
	test_grep "^cy.circle: the record kept, dana-d-2, changed here since the file'"'"'s database sent it (or not in the file): what it took of the record forgotten there cannot be told from this database'"'"'s own words, and stays in its details and notes as they are; look with circle roster show, and take it out with circle roster edit\$" out &&
	printf "%s\n" she/her 555-0100 "ada words
bo words
gus words" >expect &&
	kept gus2.db dana-d-2 >actual &&
	test_cmp expect actual &&
	gus db merge bo.circle >/dev/null &&
	printf "%s\n" - - "ada words" >expect &&
	for d in "$FAY" "$GUS"; do
		kept "$d" dana-d-2 >actual &&
		test_cmp expect actual &&
		test "$(rows "$d" wednesday-group)" = "1 1" &&
		test "$(sql "$d" "SELECT keep_uid FROM forgotten")" = \
		    "$(sql "$ADA" "SELECT uid FROM member")" &&
		test "$(sql "$d" "SELECT origin FROM forgotten")" = \
		    "$(sql "$BO" "SELECT value FROM network WHERE key =
		    '"'"'origin'"'"'")" &&
		test "$(circle --db "$d" db check)" = ok || return 1
	done &&
	bytes "$FAY" "$GUS" &&
	fay db merge cy.circle >out &&
	! grep -q "made one here" out &&
	gus db merge cy.circle bo.circle >out &&
	! grep -q "made one here" out
'

test_expect_success 'pseudonymized: the derived record loses its marks in Bo'"'"'s group alone, and stays one record' '
	cy db extract --all --pseudonymize --force -o cyp.circle >/dev/null &&
	pia db merge cyp.circle >/dev/null &&
	pia db extract --all --force -o pia.circle >/dev/null &&
	quin db merge pia.circle >/dev/null &&
	for d in "$PIA" "$QUIN"; do
		test "$(rows "$d" wednesday-group)" = "1 1" &&
		test "$(rows "$d" monday-group)" = "1 1" &&
		test "$(sql "$d" "SELECT count(*) FROM member")" = 2 &&
		test "$(circle --db "$d" db check)" = ok ||
		return 1
	done &&
	for u in $(sql "$ADA" "SELECT uid FROM member") \
	    $(sql "$CY" "SELECT uid FROM forgotten"); do
		for f in cyp.circle pia.circle; do
			test "$(sql $f "SELECT count(*) FROM member WHERE uid =
			    '"'"'$u'"'"'")" = 0 &&
			test "$(sql $f "SELECT count(*) FROM forgotten WHERE
			    keep_uid = '"'"'$u'"'"'")" = 0 || return 1
		done
	done
'

test_expect_success 'a second delivery changes nothing: Dana joining Bo'"'"'s group later stays' '
	bo db merge ada.circle >/dev/null &&
	bo roster join --on 2026-12-01 dana-d wednesday-group >/dev/null &&
	bo session add --group wednesday-group 2026-12-02 18:00 >/dev/null &&
	bo attend mark --group wednesday-group 2026-12-02 dana-d >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	dee db merge bo.circle >/dev/null &&
	eli db merge bo.circle >/dev/null &&
	test "$(rows "$DEE" wednesday-group)" = "2 2" &&
	test "$(rows "$ELI" wednesday-group)" = "2 2" &&
	cy db merge bo.circle >/dev/null &&
	cy db extract --all --since 2026-01-01 --force -o again.circle \
	    >/dev/null &&
	test "$(sql again.circle "SELECT count(*) FROM forgotten WHERE
	    keep_uid IS NOT NULL")" = 1 &&
	dee db merge again.circle >out &&
	! grep -q "made one here" out &&
	test "$(rows "$DEE" wednesday-group)" = "2 2" &&
	dee db extract --all --since 2026-01-01 --force -o dee.circle \
	    >/dev/null &&
	eli db merge dee.circle >out &&
	! grep -q "made one here" out &&
	test "$(rows "$ELI" wednesday-group)" = "2 2" &&
	cy db extract --all --pseudonymize --force -o cyp.circle >/dev/null &&
	pia db merge cyp.circle >/dev/null &&
	pia db merge cyp.circle >out &&
	! grep -q "made one here" out &&
	test "$(rows "$PIA" wednesday-group)" = "1 1"
'

test_expect_success 'a receiver that held Bo'"'"'s record too keeps the rows Dana gained in Bo'"'"'s group since, merged before the coordinator'"'"'s statement' '
	HAL=$TRASH/hal.db &&
	circle --db "$HAL" db merge bo-before.circle cy-before.circle \
	    >/dev/null &&
	circle --db "$HAL" db merge bo.circle >/dev/null &&
	test "$(rows "$HAL" wednesday-group)" = "2 2" &&
	circle --db "$HAL" db merge again.circle >/dev/null &&
	test "$(rows "$HAL" wednesday-group)" = "2 2" &&
	printf "%s\n" - - "ada words" >expect &&
	kept "$HAL" dana-d-2 >actual &&
	test_cmp expect actual &&
	bytes "$HAL"
'

# network-*-v14.sql: Cy's and Dee's databases as circle made them at
# schema 14 (main at cd8bf58: Ada's and Bo's Dana made one at Cy's, Cy's
# extract merged at Dee's), in the sqlite3 shell's .dump; Bo's extract
# after his forget of Dana, made the same way, loaded with the room its
# page sums take and summed again (fixtures/network-v14.sh made them).
test_expect_success 'schema 14 databases are migrated: a forget there still takes the rows of its groups and what was taken at the second coordinator, the pairing stored there or not, its undo data too' '
	rm -f "$CY"* "$DEE"* &&
	"$SQLITE3" "$CY" <"$FIXTURES/network-cy-v14.sql" &&
	"$SQLITE3" "$DEE" <"$FIXTURES/network-dee-v14.sql" &&
	{ echo ".filectrl reserve_bytes 8" &&
	    cat "$FIXTURES/network-bo-v14.sql"; } | "$SQLITE3" bo14.circle \
	    >/dev/null &&
	resum bo14.circle &&
	chmod 600 "$CY" "$DEE" &&
	cy db migrate >out &&
	echo "schema version 15: migrated from 14" >expect &&
	test_cmp expect out &&
	test "$(cy db check)" = ok &&
	test "$(sql "$CY" "SELECT phone FROM merged_away")" = 555-0100 &&
	dee db migrate >/dev/null &&
	cp "$DEE" dee2.db &&
	cy db extract --all --force -o cy1.circle >/dev/null &&
	circle --db dee2.db db merge cy1.circle >/dev/null &&
	test "$(sql dee2.db "SELECT phone FROM merged_away")" = 555-0100 &&
	cp "$DEE" dee3.db &&
	cp cy1.circle cy14.circle &&
	sql cy14.circle "UPDATE merged_away SET full_name = NULL, pronouns =
	    NULL, email = NULL, phone = NULL, emergency = NULL, consent =
	    NULL, consent_on = NULL, notes = NULL;
	    ALTER TABLE merged_away DROP COLUMN origin;
	    ALTER TABLE forgotten DROP COLUMN origin;
	    ALTER TABLE forgotten DROP COLUMN keep_uid;
	    ALTER TABLE forgotten DROP COLUMN kept_here;
	    DELETE FROM network WHERE key = '"'"'page_sums'"'"';
	    PRAGMA user_version = 14" &&
	resum cy14.circle &&
	circle --db dee3.db db merge cy14.circle >/dev/null &&
	test "$(sql dee3.db "SELECT count(*) FROM merged_away WHERE
	    coalesce(pronouns, phone, notes) IS NULL")" = 1 &&
	cy db merge bo14.circle >/dev/null &&
	test "$(rows "$CY" wednesday-group)" = "1 1" &&
	cy db extract --all --force -o cy.circle >/dev/null &&
	dee db merge cy.circle >/dev/null &&
	circle --db dee2.db db merge cy.circle >/dev/null &&
	circle --db dee3.db db merge cy.circle >/dev/null &&
	printf "%s\n" - - "ada words" >expect &&
	for d in "$DEE" dee2.db dee3.db; do
		test "$(circle --db "$d" db check)" = ok &&
		test "$(rows "$d" wednesday-group)" = "1 1" &&
		test "$(marks "$d" dana-d wednesday-group)" = 0 &&
		test "$(rows "$d" monday-group)" = "1 1" &&
		kept "$d" >actual &&
		test_cmp expect actual || return 1
	done &&
	bytes "$DEE" dee2.db dee3.db
'

# Bo's Dana and Quy's are two records at Quy's, who coordinates; Wil
# merges Quy's pseudonymized extracts and makes them one.  Bo forgets her:
# Quy's next pseudonymized extract, of Bo's group alone, says where, and
# Wil removes from the record kept its rows in Bo's group, never those in
# Quy's (no extract brings them back).
test_expect_success 'a pseudonymized extract says where a raw uid was forgotten: a receiver that made it one removes the rows of that database'"'"'s groups, not of the file'"'"'s' '
	mkdir three && (
	cd three &&
	q() { circle --db quy.db "$@"; } &&
	w() { circle --db wil.db "$@"; } &&
	b() { circle --db bo.db "$@"; } &&
	# who DB GROUP: the handle of the one member of a group.
	who() {
		sql "$1" "SELECT m.handle FROM membership p JOIN member m ON
		    m.id = p.member_id JOIN grp g ON g.id = p.grp_id WHERE
		    g.handle = '"'"'$2'"'"'"
	} &&
	for f in bo quy; do
		circle --db $f.db init >/dev/null &&
		circle --db $f.db group add --tz UTC "$f group" >/dev/null &&
		circle --db $f.db roster add --phone 555-0100 "Dana Diaz" \
		    >/dev/null &&
		circle --db $f.db roster join --on 2026-10-01 dana-d \
		    "$f-group" >/dev/null &&
		circle --db $f.db session add --group $f-group 2026-11-04 \
		    18:00 >/dev/null &&
		circle --db $f.db attend mark --group $f-group 2026-11-04 \
		    dana-d >/dev/null || return 1
	done &&
	b db extract --all -o bo.circle >/dev/null &&
	q db merge bo.circle >/dev/null &&
	q db extract --all --pseudonymize -o quy.circle >/dev/null &&
	w db merge quy.circle >/dev/null &&
	w roster merge "$(who wil.db quy-group)" "$(who wil.db bo-group)" \
	    >/dev/null &&
	test "$(rows wil.db bo-group)" = "1 1" &&
	test "$(rows wil.db quy-group)" = "1 1" &&
	sleep 1 &&
	b roster forget --yes dana-d >/dev/null &&
	b db extract --all --force -o bo.circle >/dev/null &&
	q db merge bo.circle >/dev/null &&
	q db extract --group bo-group --pseudonymize -o quy2.circle \
	    >/dev/null &&
	test "$(sql quy2.circle "SELECT count(*) FROM membership")" = 0 &&
	w db merge quy2.circle >out &&
	test_grep "made one here with another record was forgotten there: their memberships, marks, check-ins and follow-ups in that database.s groups (2 rows)" out &&
	test "$(rows wil.db bo-group)" = "0 0" &&
	test "$(rows wil.db quy-group)" = "1 1" &&
	test "$(sql wil.db "SELECT count(*) FROM merged_away")" = 0 &&
	test "$(circle --db wil.db db check)" = ok
	)
'

# Zed makes Ada's and Bo's Dana one; Yan merges Zed's extract (the
# pairing stored) and makes her Dana one with Eve's record of her too,
# and forgets Gil of her own, a second before.  Wes merges Yan's
# pseudonymized extracts.
test_expect_success 'a pseudonymized extract links no raw uid forgotten to the record it sends under a derived uid; its receivers forget all the same' '
	mkdir two && (
	cd two &&
	z() { circle --db zed.db "$@"; } &&
	y() { circle --db yan.db "$@"; } &&
	for f in ada bo eve; do
		circle --db $f.db init >/dev/null &&
		circle --db $f.db group add --tz UTC "$f group" >/dev/null &&
		circle --db $f.db roster add "Dana Diaz" >/dev/null &&
		circle --db $f.db roster join --on 2026-10-01 dana-d \
		    "$f-group" >/dev/null &&
		circle --db $f.db db extract --all -o $f.circle >/dev/null ||
		return 1
	done &&
	z db merge ada.circle bo.circle >/dev/null &&
	sleep 1 &&
	z roster merge dana-d dana-d-2 >/dev/null &&
	z db extract --all -o zed.circle >/dev/null &&
	y db merge zed.circle eve.circle >/dev/null &&
	y roster add "Gil Gray" >/dev/null &&
	y roster join --on 2026-10-01 gil-g eve-group >/dev/null &&
	sleep 1 &&
	y roster merge dana-d dana-d-2 >/dev/null &&
	y db extract --all --pseudonymize -o yan0.circle >/dev/null &&
	circle --db wes.db db merge yan0.circle >/dev/null &&
	test "$(rows wes.db bo-group)" = "1 0" &&
	test "$(rows wes.db eve-group)" = "2 0" &&
	y roster forget --yes gil-g >/dev/null &&
	sleep 1 &&
	circle --db bo.db roster forget --yes dana-d >/dev/null &&
	circle --db bo.db db extract --all --force -o bo.circle >/dev/null &&
	z db merge bo.circle >/dev/null &&
	z db extract --all --force -o zed.circle >/dev/null &&
	y db merge zed.circle >out &&
	test_grep "made one here with another record was forgotten" out &&
	y db extract --all --pseudonymize -o yan.circle >/dev/null &&
	raw=$(sql bo.db "SELECT uid FROM forgotten") &&
	test "$(sql yan.circle "SELECT count(*) FROM forgotten f JOIN
	    member k ON k.uid = f.keep_uid")" = 1 &&
	test "$(sql yan.circle "SELECT count(*) FROM forgotten WHERE uid =
	    '"'"'$raw'"'"'")" = 1 &&
	test "$(sql yan.circle "SELECT count(*) FROM forgotten")" = 4 &&
	test "$(sql yan.circle "SELECT count(*) FROM forgotten WHERE uid =
	    '"'"'$raw'"'"' AND keep_uid IS NOT NULL")" = 0 &&
	test "$(sql yan.circle "SELECT count(*) || count(DISTINCT origin)
	    FROM forgotten WHERE origin IS NOT NULL")" = 21 &&
	test "$(sql yan.circle "SELECT count(*) FROM forgotten WHERE uid =
	    '"'"'$raw'"'"' AND origin IS NOT NULL")" = 1 &&
	test "$(sql yan.circle "SELECT count(DISTINCT at) FROM forgotten")" = 1 &&
	test "$(sql yan.circle "SELECT group_concat(uid) FROM (SELECT uid
	    FROM forgotten ORDER BY rowid)")" = \
	    "$(sql yan.circle "SELECT group_concat(uid) FROM (SELECT uid
	    FROM forgotten ORDER BY uid)")" &&
	circle --db wes.db db merge yan.circle >out &&
	test_grep "made one here with another record was forgotten" out &&
	test "$(rows wes.db bo-group)" = "0 0" &&
	test "$(rows wes.db eve-group)" = "1 0" &&
	test "$(rows wes.db ada-group)" = "1 0" &&
	test "$(sql wes.db "SELECT count(*) FROM member")" = 1 &&
	test "$(circle --db wes.db db check)" = ok
	)
'

test_done
