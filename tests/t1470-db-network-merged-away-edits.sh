#!/bin/sh
test_description='circle roster merge at a coordinator'"'"'s, then edits
of the record kept, then a forget of the record merged away at its
facilitator'"'"'s: only what is still what was taken goes; the record of
what was taken is scrubbed, never sent, gone with the record kept; a
schema 13 database keeps its pairings'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Monday group, Bo the Wednesday group; Dana and Eve are in
# both, a record in each database.  Cy coordinates and makes each one,
# keeping Ada's record and taking Bo's pronouns, phone and notes.

test_expect_success 'setup: Dana and Eve in two facilitators'"'"' groups, made one at Cy'"'"'s' '
	ada init >/dev/null && bo init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	bo group add --tz UTC "Wednesday Group" >/dev/null &&
	ada roster add --email dana@example.org --notes "ada words" \
	    "Dana Diaz" >/dev/null &&
	ada roster add --notes "eve of ada" "Eve Eng" >/dev/null &&
	bo roster add --pronouns she/her --phone 555-0100 --notes "bo words" \
	    "Dana Diaz" >/dev/null &&
	bo roster add --phone 555-0200 --notes "eve of bo" "Eve Eng" \
	    >/dev/null &&
	for p in dana-d eve-e; do
		ada roster join --on 2026-10-01 $p monday-group >/dev/null &&
		bo roster join --on 2026-10-01 $p wednesday-group \
		    >/dev/null || return 1
	done &&
	ada session add --group monday-group 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-02 dana-d eve-e \
	    >/dev/null &&
	bo session add --group wednesday-group 2026-11-04 18:00 >/dev/null &&
	bo attend mark --group wednesday-group 2026-11-04 dana-d eve-e \
	    >/dev/null &&
	ada db extract --all -o ada.circle >/dev/null &&
	bo db extract --all -o bo.circle >/dev/null &&
	cy db merge ada.circle bo.circle >/dev/null &&
	sleep 1 &&
	cy roster merge dana-d dana-d-2 >/dev/null &&
	cy roster merge eve-e eve-e-2 >/dev/null &&
	printf "%s\n" she/her 555-0100 "ada words" "bo words" >expect &&
	kept "$CY" dana-d >actual &&
	test_cmp expect actual &&
	sql "$CY" "SELECT w.pronouns, w.phone, w.notes FROM merged_away w
	    JOIN member k ON k.uid = w.keep_uid ORDER BY k.handle" >actual &&
	printf "%s\n" "she/her|555-0100|bo words" "|555-0200|eve of bo" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'Ada edits her Dana after: taken with --theirs (or newer), what Dana took from Bo'"'"'s record stays' '
	sleep 1 &&
	ada roster edit --email dana@new.example --notes "ada words, new" \
	    dana-d >/dev/null &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db merge ada.circle >out &&
	test_grep "^conflict: member dana-d: .*; kept this side\$" out &&
	cy db merge --theirs ada.circle >out &&
	test_grep "^conflict: member dana-d: .*; took theirs\$" out &&
	printf "%s\n" she/her 555-0100 "ada words, new" "bo words" >expect &&
	kept "$CY" dana-d >actual &&
	test_cmp expect actual &&
	test "$(sql "$CY" "SELECT email FROM member WHERE handle =
	    '"'"'dana-d'"'"'")" = dana@new.example &&
	cy db merge ada.circle >out &&
	test_grep "^ada.circle: 0 added, 0 updated, 0 removed" out &&
	sleep 1 &&
	ada roster edit --pronouns "" --notes "ada words" dana-d >/dev/null &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db merge ada.circle >out &&
	! grep -q "^conflict" out &&
	printf "%s\n" she/her 555-0100 "ada words" "bo words" >expect &&
	kept "$CY" dana-d >actual &&
	test_cmp expect actual
'

test_expect_success 'the coordinator edits the records kept; their extract holds of what was taken only what the records still hold' '
	cy roster edit --phone 555-0199 --notes "ada words
bo words
cy words" dana-d >/dev/null &&
	cy roster edit --notes "eve, in cy'"'"'s words" eve-e >/dev/null &&
	cy db extract --all -o cy.circle >/dev/null &&
	test "$(sql cy.circle "SELECT count(*) FROM merged_away WHERE
	    phone IS NULL")" = 1 &&
	test "$(sql cy.circle "SELECT count(*) FROM merged_away WHERE
	    notes IS NULL")" = 1 &&
	test "$(strays cy.circle)" = 0 &&
	! grep -a -q -e 555-0100 -e "eve of bo" cy.circle
'

test_expect_success 'Bo forgets both: the details still taken go, the coordinator'"'"'s own edits stay, no byte of Bo'"'"'s left' '
	bo roster forget --yes dana-d >/dev/null &&
	bo roster forget --yes eve-e >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db dump >before &&
	cy db merge --dry-run bo.circle >/dev/null &&
	cy db dump >after &&
	test_cmp before after &&
	rm before after &&
	cy db merge bo.circle >out &&
	test_grep "^bo.circle: 2 people made one here with another record were forgotten there: .*, are removed from the records kept, dana-d, eve-e\$" out &&
	for p in dana-d eve-e; do
		test_grep "^what $p took of the record forgotten there may still be in the extract ~/cy.circle ([0-9-]*)\$" \
		    out || return 1
	done &&
	printf "%s\n" - 555-0199 "ada words
cy words" >expect &&
	kept "$CY" dana-d >actual &&
	test_cmp expect actual &&
	printf "%s\n" - - "eve, in cy'"'"'s words" >expect &&
	kept "$CY" eve-e >actual &&
	test_cmp expect actual &&
	test "$(sql "$CY" "SELECT count(*) FROM merged_away")" = 0 &&
	bytes "$CY"
'

test_expect_success 'a forget of the record kept at the coordinator'"'"'s takes what it took with it' '
	rm -f cz.db* &&
	cp "$TRASH/cy.circle" cz.circle &&
	circle --db cz.db db merge ada.circle >/dev/null &&
	bo2() { circle --db bo2.db "$@"; } &&
	bo2 init >/dev/null &&
	bo2 group add --tz UTC "Friday Group" >/dev/null &&
	bo2 roster add --phone 555-0200 --notes "eve of bo" "Eve Eng" \
	    >/dev/null &&
	bo2 roster join eve-e friday-group >/dev/null &&
	bo2 db extract --all -o bo2.circle >/dev/null &&
	circle --db cz.db db merge bo2.circle >/dev/null &&
	circle --db cz.db roster merge eve-e eve-e-2 >/dev/null &&
	circle --db cz.db roster edit --phone "" --notes "eve of ada" eve-e \
	    >/dev/null &&
	test "$(sql cz.db "SELECT phone || notes FROM merged_away")" = \
	    "555-0200eve of bo" &&
	circle --db cz.db roster forget --yes eve-e >/dev/null &&
	test "$(sql cz.db "SELECT count(*) FROM merged_away")" = 0 &&
	bytes cz.db
'

# A chain at a coordinator'"'"'s: Kim of Fin'"'"'s group, with notes of her own,
# takes the notes of Kim of Gus'"'"'s; then Cy'"'"'s own Kim takes Fin'"'"'s.  Each
# forget takes its own words, and only those.
test_expect_success 'a chain of roster merges: each forget takes the notes its record gave, not the other'"'"'s' '
	for d in fin gus ch; do
		rm -f $d.db* $d.circle && circle --db $d.db init >/dev/null ||
		    return 1
	done &&
	circle --db fin.db group add --tz UTC "Fin Group" >/dev/null &&
	circle --db gus.db group add --tz UTC "Gus Group" >/dev/null &&
	circle --db fin.db roster add --notes "fin words" "Kim Kay" >/dev/null &&
	circle --db gus.db roster add --notes "gus secret" "Kim Kay" \
	    >/dev/null &&
	circle --db fin.db roster join kim-k fin-group >/dev/null &&
	circle --db gus.db roster join kim-k gus-group >/dev/null &&
	circle --db fin.db db extract --all -o fin.circle >/dev/null &&
	circle --db gus.db db extract --all -o gus.circle >/dev/null &&
	circle --db ch.db roster add --notes "own words" "Kim Kay" >/dev/null &&
	circle --db ch.db db merge fin.circle gus.circle >/dev/null &&
	sql ch.db "SELECT handle FROM member ORDER BY id" >handles &&
	own=$(sed -n 1p handles) && fin=$(sed -n 2p handles) &&
	gus=$(sed -n 3p handles) &&
	circle --db ch.db roster merge $fin $gus >/dev/null &&
	circle --db ch.db roster merge $own $fin >/dev/null &&
	printf "%s\n" "own words" "fin words" "gus secret" >expect &&
	sql ch.db "SELECT notes FROM member" >actual &&
	test_cmp expect actual &&
	circle --db fin.db roster forget --yes kim-k >/dev/null &&
	circle --db fin.db db extract --all --force -o fin.circle >/dev/null &&
	circle --db ch.db db merge fin.circle >/dev/null &&
	printf "%s\n" "own words" "gus secret" >expect &&
	sql ch.db "SELECT notes FROM member" >actual &&
	test_cmp expect actual &&
	circle --db gus.db roster forget --yes kim-k >/dev/null &&
	circle --db gus.db db extract --all --force -o gus.circle >/dev/null &&
	circle --db ch.db db merge gus.circle >/dev/null &&
	echo "own words" >expect &&
	sql ch.db "SELECT notes FROM member" >actual &&
	test_cmp expect actual &&
	test "$(sql ch.db "SELECT count(*) FROM merged_away")" = 0 &&
	gone_from ch.db "gus secret" "fin words"
'

# Two records made one with the same record, whose notes say the same
# words: each forget takes one copy; the first leaves the second's.
test_expect_success 'two records with the same notes: each forget takes its own copy' '
	for d in fin gus ch; do
		rm -f $d.db* $d.circle && circle --db $d.db init >/dev/null ||
		    return 1
	done &&
	circle --db fin.db group add --tz UTC "Fin Group" >/dev/null &&
	circle --db gus.db group add --tz UTC "Gus Group" >/dev/null &&
	for d in fin gus; do
		circle --db $d.db roster add --notes "likes tea" "Kim Kay" \
		    >/dev/null &&
		circle --db $d.db roster join kim-k $d-group >/dev/null &&
		circle --db $d.db db extract --all -o $d.circle >/dev/null ||
		    return 1
	done &&
	circle --db ch.db roster add --notes "own words" "Kim Kay" >/dev/null &&
	circle --db ch.db db merge fin.circle gus.circle >/dev/null &&
	sql ch.db "SELECT handle FROM member ORDER BY id" >handles &&
	own=$(sed -n 1p handles) && fin=$(sed -n 2p handles) &&
	gus=$(sed -n 3p handles) &&
	circle --db ch.db roster merge $own $fin >/dev/null &&
	circle --db ch.db roster merge $own $gus >/dev/null &&
	circle --db fin.db roster forget --yes kim-k >/dev/null &&
	circle --db fin.db db extract --all --force -o fin.circle >/dev/null &&
	circle --db ch.db db merge fin.circle >/dev/null &&
	printf "%s\n" "own words" "likes tea" >expect &&
	sql ch.db "SELECT notes FROM member" >actual &&
	test_cmp expect actual &&
	circle --db gus.db roster forget --yes kim-k >/dev/null &&
	circle --db gus.db db extract --all --force -o gus.circle >/dev/null &&
	circle --db ch.db db merge gus.circle >/dev/null &&
	echo "own words" >expect &&
	sql ch.db "SELECT notes FROM member" >actual &&
	test_cmp expect actual &&
	gone_from ch.db "likes tea"
'

# network-*-v13.sql: Bo's and Cy's databases as circle made them at schema
# 13 (main at 371a965: the setup above with Dana alone, and 'circle
# roster merge dana-d dana-d-2' at Cy's), in the sqlite3 shell's .dump.
test_expect_success 'a schema 13 coordinator'"'"'s database is migrated in place: what was taken is kept as values' '
	rm -f "$CY"* "$BO"* &&
	"$SQLITE3" "$CY" <"$FIXTURES/network-cy-v13.sql" &&
	"$SQLITE3" "$BO" <"$FIXTURES/network-bo-v13.sql" &&
	chmod 600 "$CY" "$BO" &&
	cy db migrate >out &&
	echo "schema version 15: migrated from 13" >expect &&
	test_cmp expect out &&
	test "$(cy db check)" = ok &&
	test "$(sql "$CY" "SELECT coalesce(email, '"'"'-'"'"') || '"'"'|'"'"' ||
	    phone || '"'"'|'"'"' || notes FROM merged_away")" = \
	    "-|555-0100|bo words" &&
	test "$(sql "$CY" "SELECT count(*) FROM pragma_table_info('"'"'merged_away'"'"')
	    WHERE name IN ('"'"'taken'"'"', '"'"'notes_at'"'"')")" = 0
'

test_expect_success 'after the migration, a forget there keeps the coordinator'"'"'s edits' '
	cy roster edit --phone 555-0199 --notes "ada words
bo words
cy words" dana-d >/dev/null &&
	bo roster forget --yes dana-d >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db merge bo.circle >out &&
	test_grep "1 person made one here with another record was forgotten there" out &&
	printf "%s\n" - 555-0199 "ada words
cy words" >expect &&
	kept "$CY" dana-d >actual &&
	test_cmp expect actual &&
	test "$(sql "$CY" "SELECT count(*) FROM merged_away")" = 0 &&
	bytes "$CY"
'

# At schema 13 a pairing kept where its notes began in the kept record's
# (notes_at), and they ran to the end: a second pairing into the same
# record (Zed, made one after Bo) began inside the first's.  Each takes
# only its own text, up to where the next began.
test_expect_success 'schema 13: two pairings into one record each keep their own notes' '
	rm -f "$CY"* &&
	"$SQLITE3" "$CY" <"$FIXTURES/network-cy-v13.sql" &&
	chmod 600 "$CY" &&
	sql "$CY" "UPDATE member SET notes = notes || char(10) || '"'"'zed words'"'"'
	    WHERE handle = '"'"'dana-d'"'"';
	    INSERT INTO merged_away SELECT '"'"'0e2a9b1c-0000-4000-8000-00000000000z'"'"',
	    keep_uid, '"'"''"'"', 18, '"'"'2026-12-07T15:06:00Z'"'"' FROM merged_away" &&
	cy db migrate >/dev/null &&
	sql "$CY" "SELECT coalesce(notes, '"'"'-'"'"') FROM merged_away
	    ORDER BY at" >actual &&
	printf "%s\n" "bo words" "zed words" >expect &&
	test_cmp expect actual
'

test_done
