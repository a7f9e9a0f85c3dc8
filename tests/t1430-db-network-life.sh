#!/bin/sh
test_description='circle db extract and merge over a network'"'"'s life: a
facilitator who changes computers (a backup, a dump, a new database), a
group handed on, co-facilitators, an extract given to load, a backup given
to merge, an undo and an older extract'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Thursday group; Cy coordinates.  Each is a database of its
# own; Ada's next computer is new.db.
TH=thursday-group

# A merge undone leaves void tombstones of what it added (schema.c, 11):
# dumps are compared without the removed table, the log, the commands
# and the network table (the time of the merge).

# cy_count_marks MEMBER GROUP: the coordinator's marks of a person in a
# group.
cy_count_marks() {
	sql "$CY" "SELECT count(*) FROM attendance a JOIN member m ON m.id =
	    a.member_id JOIN session s ON s.id = a.session_id JOIN grp g ON
	    g.id = s.grp_id WHERE m.handle = '$1' AND g.handle = '$2'"
}

# rows DB TABLE: how many rows a table of a database holds.
rows() {
	sql "$1" "SELECT count(*) FROM $2"
}

# totals FILE: the last line of a merge's output, without the file name.
totals() {
	tail -n 1 "$1" | sed 's/^.*: \([0-9]* added\)/\1/'
}

# begin DB: a database with the Thursday group and its people, as the
# facilitator made it from nothing (their roster and group typed again).
begin() {
	circle --db "$1" init >/dev/null &&
	circle --db "$1" group add --tz America/Chicago "Thursday Group" \
	    >/dev/null &&
	circle --db "$1" roster add --email ben@example.org \
	    "Benjamin Brooks" >/dev/null &&
	circle --db "$1" roster add "Rosa Rivera" >/dev/null &&
	for m in benjamin-b rosa-r; do
		circle --db "$1" roster join --on 2025-01-01 $m $TH || return 1
	done &&
	for d in 2025-03-06 2025-03-13; do
		circle --db "$1" session add --group $TH $d 18:00 >/dev/null ||
		    return 1
	done
}

printf 'correct horse battery staple\n' >pass &&
chmod 600 pass

test_expect_success 'setup: Ada'"'"'s group, merged by Cy' '
	begin "$ADA" &&
	ada attend mark --group $TH 2025-03-06 benjamin-b rosa-r >/dev/null &&
	ada db extract -o first.circle >/dev/null &&
	cy init >/dev/null &&
	cy db merge first.circle >/dev/null &&
	test "$(rows "$CY" attendance)" = 2 &&
	cp "$CY" cy-first.db
'

# restart: Cy as after the first merge.
restart() {
	rm -f "$CY" "$CY-wal" "$CY-shm" &&
	cp cy-first.db "$CY"
}

# moved HOW: Ada's new computer, its database new.db loaded from the old
# one's backup (sealed or not) or dump, a mark added, extracted and
# merged: the group is updated, nothing twice.
moved() {
	restart &&
	rm -f new.db* &&
	circle --db new.db db load --passphrase-file pass "$1" >/dev/null &&
	test "$(sql new.db "SELECT value FROM network WHERE key =
	    '"'origin'"'")" = "$(sql "$ADA" "SELECT value FROM network WHERE
	    key = '"'origin'"'")" &&
	circle --db new.db attend mark --group $TH 2025-03-13 rosa-r \
	    >/dev/null &&
	circle --db new.db db extract -o moved.circle --force >/dev/null &&
	cy db merge moved.circle >out &&
	! grep -q "not merged" out &&
	test_grep "^attendance *1 added, 0 updated" out &&
	test_grep "^group *0 added" out &&
	test_grep "^member *0 added" out &&
	test_grep "^session *0 added" out &&
	test "$(rows "$CY" grp)" = 1 &&
	test "$(rows "$CY" attendance)" = 3
}

test_expect_success 'a new computer loaded from a backup, sealed or not, or a dump keeps the database'"'"'s id' '
	ada db backup plain.db >/dev/null &&
	moved plain.db &&
	ada db backup --encrypt --passphrase-file pass sealed.db >/dev/null &&
	moved sealed.db &&
	ada db dump -o dump.jsonl >/dev/null &&
	moved dump.jsonl
'

# A backup older than the last extract: a session added after it, sent, and
# added again on the new computer is one meeting under two uids there.
test_expect_success 'an older backup restored: a session added again is listed as a look-alike' '
	restart &&
	ada db backup --force older.db >/dev/null &&
	ada session add --group $TH 2025-03-20 18:00 >/dev/null &&
	ada attend mark --group $TH 2025-03-20 rosa-r >/dev/null &&
	ada db extract -o after.circle --force >/dev/null &&
	cy db merge after.circle >out &&
	! grep -q "^look-alike" out &&
	rm -f new.db* &&
	circle --db new.db db load older.db >/dev/null &&
	circle --db new.db session add --group $TH 2025-03-20 18:00 \
	    >/dev/null &&
	circle --db new.db db extract -o older.circle --force >/dev/null &&
	cy db merge older.circle >out &&
	test_grep "^session *1 added" out &&
	test_grep "^look-alike: session $TH 2025-03-20 18:00: twice, at the same time: maybe one meeting (added again after an older backup was restored?); no command makes two sessions one: in the group'"'"'s own database, mark the people of one at the other, then take the one added again back with circle undo (circle log finds its command); its next extract removes it here\$" out &&
	cy db merge older.circle >out &&
	! grep -q "^look-alike" out
'

# What the look-alike says to do: the facilitator takes the session added
# again back; the coordinator's next merge removes it, and the reports are
# the facilitator's again.
test_expect_success 'a session added again, taken back with undo after merging the last extract: one session again' '
	circle --db new.db db merge after.circle >out &&
	test_grep "^look-alike: session $TH 2025-03-20 18:00: twice" out &&
	cmd=$(circle --db new.db log --format tsv | awk -F "	" "\$3 == \"session add\" && /2025-03-20/ { print \$1 }") &&
	sleep 1 &&
	circle --db new.db undo --yes $cmd >/dev/null &&
	test "$(sql new.db "SELECT count(*) FROM session WHERE
	    local_start LIKE '"'2025-03-20%'"'")" = 1 &&
	circle --db new.db db extract -o undone.circle >/dev/null &&
	cy db merge undone.circle >out &&
	test_grep "^session *0 added, 0 updated, 1 removed" out &&
	cy report sessions | cut -f 2- >cy.out &&
	circle --db new.db report sessions | cut -f 2- >new.out &&
	test_cmp new.out cy.out
'

# The facilitator's own last extract, merged into the older backup they
# loaded: what was recorded after the backup comes back, and a person
# forgotten after it is forgotten again.
test_expect_success 'an older backup restored: the facilitator merges their own last extract back' '
	rm -f new.db* &&
	circle --db new.db db load older.db >/dev/null &&
	circle --db new.db db merge after.circle >out &&
	test_grep "^session *1 added, 0 updated" out &&
	test_grep "^attendance *1 added, 0 updated" out &&
	test_grep "^after.circle: an extract of this database itself: what it holds newer than here (as after loading a backup older than it) is brought back, the rest left as it is\$" out &&
	! grep -q "^not merged" out &&
	circle --db new.db report sessions >new.out &&
	ada report sessions >ada.out &&
	test_cmp ada.out new.out &&
	circle --db new.db db merge after.circle >out &&
	test_grep " 0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged, 0 conflicts, 0 forgotten\$" out &&
	cp "$ADA" forgets.db &&
	circle --db forgets.db roster forget --yes rosa-r >/dev/null &&
	circle --db forgets.db db extract -o forgets.circle >/dev/null &&
	rm -f new.db* &&
	circle --db new.db db load older.db >/dev/null &&
	circle --db new.db db merge forgets.circle >out &&
	test_grep "1 forgotten\$" out &&
	test "$(sql new.db "SELECT count(*) FROM member WHERE handle LIKE
	    '"'rosa%'"'")" = 0
'

test_expect_success 'the coordinator'"'"'s own extract merged: nothing changes, nothing is said not merged' '
	cy db extract --all -o cy.circle >/dev/null &&
	cy db merge cy.circle >out &&
	! grep -q "^not merged" out &&
	test_grep "^cy.circle: an extract of this database itself: nothing in it is newer than here\$" out &&
	test_grep "^cy.circle: 0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged, 0 conflicts, 0 forgotten\$" out
'

# The facilitator of the file is this one: no one to ask.
test_expect_success 'a person forgotten since an extract of this database was made: the file still holds them, said so' '
	cp "$ADA" forgot.db &&
	circle --db forgot.db db extract -o forgot.circle >/dev/null &&
	circle --db forgot.db roster forget --yes rosa-r >/dev/null &&
	circle --db forgot.db db merge forgot.circle >out &&
	test_grep "^forgot.circle: 1 person forgotten here since the file was made, left out with [0-9]* attendance rows* and the rest of their records: the file still holds them; if forgotten at their request, delete it and every copy of it (circle db extract makes a new one)\$" out &&
	! grep -q "facilitator" out &&
	test_grep "^forgot.circle: an extract of this database itself: nothing in it is newer than here\$" out &&
	test "$(sql forgot.db "SELECT count(*) FROM member WHERE handle LIKE
	    '"'rosa%'"'")" = 0
'

# A backup made before the database's first extract has no id: loaded, it
# is the database's past, and takes the id of its own extract merged.
test_expect_success 'a backup older than the first extract loaded: the database'"'"'s own extract merged gives it back its id' '
	begin first.db &&
	circle --db first.db db backup first-old.db >/dev/null &&
	test "$(sql first-old.db "SELECT count(*) FROM network")" = 0 &&
	sleep 1 &&
	circle --db first.db attend mark --group $TH 2025-03-06 rosa-r \
	    >/dev/null &&
	circle --db first.db db extract -o first-own.circle >/dev/null &&
	rm -f back.db* &&
	circle --db back.db db load first-old.db >/dev/null &&
	circle --db back.db db merge first-own.circle >out &&
	! grep -q "^not merged" out &&
	test_grep "^first-own.circle: this database had no id yet and holds the file'"'"'s groups, made here: it takes the file'"'"'s, its own before a backup older than its first extract was loaded\$" out &&
	test_grep "^attendance *1 added" out &&
	test "$(sql back.db "SELECT value FROM network WHERE key =
	    '"'origin'"'")" = "$(sql first.db "SELECT value FROM network
	    WHERE key = '"'origin'"'")" &&
	circle --db back.db report sessions >back.out &&
	circle --db first.db report sessions >first.out &&
	test_cmp first.out back.out &&
	circle --db back.db db merge first-own.circle >out &&
	! grep -q "takes the file" out &&
	test_grep "nothing in it is newer than here" out
'

# An extract of this database merged back after something in it was
# removed here: never brought back, and the merge says why and what to do.
# The message names the first removal: the membership, or the person when
# both undos fall in one second.
test_expect_success 'a facilitator'"'"'s own extract, merged after an undo: what the undo removed stays removed' '
	cp "$ADA" dee.db &&
	circle --db dee.db roster add "Dee Ex" >/dev/null &&
	circle --db dee.db roster join dee-e $TH >/dev/null &&
	circle --db dee.db db extract -o dee.circle >/dev/null &&
	circle --db dee.db undo --yes >/dev/null &&
	circle --db dee.db undo --yes >/dev/null &&
	circle --db dee.db db dump >before &&
	test_expect_code 65 circle --db dee.db db merge dee.circle 2>err &&
	test_grep "^circle-db: dee.circle: an extract of this database made before \(member dee-e\|membership dee-e in [a-z-]*\) and more were removed here ([0-9TZ:-]*): merging it would bring them back, so nothing is merged: an extract of this database is merged back only to have what was recorded after an older backup loaded here; to have the rest of it, take the removal back with circle undo (circle log finds it), merge the file, then remove them again\$" err &&
	circle --db dee.db db dump >after &&
	test_cmp before after &&
	test "$(sql dee.db "SELECT count(*) FROM member WHERE handle = '"'dee-e'"'")" = 0
'

# An undo takes an edit back to its time before it, older than the file's.
test_expect_success 'a facilitator'"'"'s own extract, merged after an edit was undone: the edit stays undone' '
	sleep 1 &&
	circle --db dee.db roster edit --pronouns she rosa-r >/dev/null &&
	circle --db dee.db db extract -o she.circle >/dev/null &&
	circle --db dee.db undo --yes >/dev/null &&
	cmd=$(sql dee.db "SELECT max(id) FROM command") &&
	circle --db dee.db db dump >before &&
	test_expect_code 65 circle --db dee.db db merge she.circle 2>err &&
	test_grep "^circle-db: she.circle: an extract of this database made before command $cmd, an undo, took changes back here ([0-9TZ:-]*): merging it would bring them back, so nothing is merged: an extract of this database is merged back only to have what was recorded after an older backup loaded here; to have the rest of it, do again what the undo took back (circle undo $cmd), merge the file, then take it back again with circle undo\$" err &&
	circle --db dee.db db dump >after &&
	test_cmp before after
'

test_expect_success 'the coordinator'"'"'s older extract, merged after a merge removed a session: it stays removed' '
	cp "$ADA" fac.db &&
	circle --db fac.db session add --group $TH 2025-04-03 18:00 >/dev/null &&
	circle --db fac.db db extract -o fac-a.circle >/dev/null &&
	cy db merge fac-a.circle >/dev/null &&
	cy db extract --all -o cyold.circle >/dev/null &&
	sleep 1 &&
	circle --db fac.db undo --yes >/dev/null &&
	circle --db fac.db db extract -o fac-b.circle >/dev/null &&
	cy db merge fac-b.circle >out &&
	test_grep "^session *0 added, 0 updated, 1 removed" out &&
	cy db dump >before &&
	test_expect_code 65 cy db merge cyold.circle 2>err &&
	test_grep "^circle-db: cyold.circle: an extract of this database made before session $TH 2025-04-03 18:00 was removed here ([0-9TZ:-]*): merging it would bring it back" err &&
	cy db dump >after &&
	test_cmp before after
'

test_expect_success 'an extract given to db load is refused: it would pass for its database' '
	rm -f x.db* &&
	test_expect_code 65 circle --db x.db db load first.circle 2>err &&
	test_grep "first.circle: an extract, not a backup: bring it in with circle db merge first.circle" err &&
	! test -e x.db &&
	ada db extract --encrypt --passphrase-file pass -o sealed.circle \
	    >/dev/null &&
	test_expect_code 65 circle --db x.db db load --passphrase-file pass \
	    sealed.circle 2>err &&
	test_grep "sealed.circle: an extract, not a backup" err &&
	! test -e x.db
'

test_expect_success 'a sealed backup or a dump given to db merge says to load it first' '
	cy db dump >before &&
	test_expect_code 65 cy db merge --passphrase-file pass sealed.db \
	    2>err &&
	test_grep "sealed.db: a sealed backup of a circle database, not an extract (load it with circle --db COPY.db db load sealed.db, make one of it with circle --db COPY.db db extract --all -o FILE, and merge FILE)" err &&
	test_expect_code 65 cy db merge dump.jsonl 2>err &&
	test_grep "dump.jsonl: a dump of a circle database, not an extract (load it with circle --db COPY.db db load dump.jsonl, make one of it with circle --db COPY.db db extract --all -o FILE, and merge FILE)" err &&
	cy db dump >after &&
	test_cmp before after
'

# A whole database never extracted from has no id yet: an extract of a
# copy of it would make one its facilitator's database never has.
test_expect_success 'a whole database never extracted from, sent instead of an extract: ask for an extract' '
	circle --db fresh.db init >/dev/null &&
	circle --db fresh.db roster add "Ida Ng" >/dev/null &&
	test_expect_code 65 cy db merge fresh.db 2>err &&
	test_grep "^circle-db: fresh.db: a circle database, not an extract, and never extracted from: ask its facilitator for an extract (circle db extract --all -o FILE, on their computer); an extract made here of this copy would be another database'"'"'s, and each group in it would need '"'"'circle db merge --adopt'"'"' once when their own extracts come\$" err &&
	test ! -e fresh.db-wal && test ! -e fresh.db-shm &&
	circle --db fresh.db db backup fresh-backup.db >/dev/null &&
	test_expect_code 65 cy db merge fresh-backup.db 2>err &&
	test_grep "fresh-backup.db: a circle database, not an extract, and never extracted from" err &&
	printf x >fresh.db-wal &&
	test_expect_code 65 cy db merge fresh.db 2>err &&
	test_grep "(make one of it with circle --db fresh.db db extract --all -o FILE, and merge FILE; or, better, ask its facilitator for an extract (circle db extract --all -o FILE, on their computer): a copy of a database never extracted from makes an extract of another database, whose groups need '"'"'circle db merge --adopt'"'"' once when their own extracts come)\$" err &&
	rm -f fresh.db-wal
'

# Its name is a name, not a URI: a '#', '?' or '%' in it opens that file.
test_expect_success 'a whole database named with # ? or %: the right file is asked for its id' '
	cp fresh.db "fr#e?sh%41.db" &&
	test_expect_code 65 cy db merge "fr#e?sh%41.db" 2>err &&
	test_grep "^circle-db: fr#e?sh%41.db: a circle database, not an extract, and never extracted from" err &&
	test ! -e "fr#e?sh%41.db-wal" &&
	test_expect_code 65 cy db merge "$TRASH/fr#e?sh%41.db" 2>err &&
	test_grep "fr#e?sh%41.db: a circle database, not an extract, and never extracted from" err
'

test_expect_success 'a group begun again in a new database comes twice, and the merge says why' '
	restart &&
	rm -f again.db* &&
	begin again.db &&
	circle --db again.db db extract -o again.circle >/dev/null &&
	cy db merge again.circle >out &&
	test_grep "^renamed: group $TH-2: $TH in the file; a group here has that handle and name: if they are one group, kept now in another database, see \"A network of groups\" in circle(7)\$" out &&
	test_grep "^look-alike: benjamin-b-2 and benjamin-b: the same e-mail" out &&
	cy undo --yes >/dev/null &&
	test "$(rows "$CY" grp)" = 1
'

# Ada'"'"'s laptop is lost with no backup: Cy sends the group back, Ada
# merges it into a new, empty database; Cy adopts it from there, once.
test_expect_success 'a group brought back from the coordinator: belongs to another database, until --adopt' '
	restart &&
	cy db extract --group $TH -o back.circle >/dev/null &&
	rm -f new.db* &&
	circle --db new.db db merge back.circle >/dev/null &&
	circle --db new.db attend mark --group $TH 2025-03-13 benjamin-b \
	    >/dev/null &&
	circle --db new.db db extract -o new.circle --force >/dev/null &&
	cy db dump >before &&
	cy db merge new.circle >out &&
	test_grep "^not merged: group $TH: belongs to another database (its last extract merged here made [0-9-]*), not to the file'"'"'s: not changed, nor its sessions and attendance taken from the file; if the file'"'"'s database keeps it now (a new computer or database of its facilitator'"'"'s, or a new facilitator), merge the file again with --adopt; if it is a co-facilitator'"'"'s copy, merge the keeper'"'"'s extract instead, which brings what they recorded\$" out &&
	totals out >actual &&
	test_grep "^0 added, 0 updated" actual &&
	cy db dump >after &&
	test_cmp before after &&
	cy db merge --adopt new.circle >out &&
	test_grep "^attendance *1 added" out &&
	! grep -q "not merged" out &&
	test "$(rows "$CY" attendance)" = 3 &&
	circle --db new.db attend mark --group $TH 2025-03-13 rosa-r \
	    >/dev/null &&
	circle --db new.db db extract -o new.circle --force >/dev/null &&
	cy db merge new.circle >out &&
	test_grep "^attendance *1 added" out &&
	ada db extract -o old.circle >/dev/null &&
	cy db merge old.circle >out &&
	test_grep "^not merged: group $TH: belongs to another database" out
'

# Ada hands the group to Di, who keeps a group of her own already.
test_expect_success 'a group handed on: extracted by the old facilitator, merged by the new, adopted once' '
	restart &&
	rm -f di.db* &&
	circle --db di.db init >/dev/null &&
	circle --db di.db group add --tz UTC "Monday Group" >/dev/null &&
	circle --db di.db db extract -o di.circle >/dev/null &&
	cy db merge di.circle >/dev/null &&
	ada db extract --group $TH -o handover.circle --force >/dev/null &&
	circle --db di.db db merge handover.circle >out &&
	test_grep "^group *1 added" out &&
	circle --db di.db attend mark --group $TH 2025-03-13 benjamin-b \
	    >/dev/null &&
	circle --db di.db db extract --all -o di.circle --force >/dev/null &&
	cy db merge di.circle >out &&
	test_grep "^not merged: group $TH: belongs to another database" out &&
	cy db merge --adopt di.circle >out &&
	! grep -q "not merged" out &&
	test "$(sql "$CY" "SELECT count(*) FROM grp")" = 2 &&
	circle --db "$CY" group show $TH >show &&
	test_grep "$(sql di.db "SELECT value FROM network WHERE key =
	    '"'origin'"'")" show
'

# Bo co-facilitates: he begins from Ada'"'"'s extract; Ada keeps the group
# and adopts Bo'"'"'s first extract; then each merges the other'"'"'s.
test_expect_success 'co-facilitators: the keeper adopts once, then each merges the other'"'"'s' '
	restart &&
	rm -f bo.db* &&
	ada db extract -o ada.circle --force >/dev/null &&
	circle --db bo.db db merge ada.circle >/dev/null &&
	circle --db bo.db attend mark --group $TH 2025-03-13 rosa-r \
	    >/dev/null &&
	circle --db bo.db db extract -o bo.circle >/dev/null &&
	ada db merge bo.circle >out &&
	test_grep "^not merged: group $TH: belongs to this database, not to the file'"'"'s: not changed, nor its sessions and attendance taken from the file (--adopt hands it to the file'"'"'s database)\$" out &&
	cy db merge bo.circle >out &&
	test_grep "^not merged: group $TH: belongs to another database .*; if it is a co-facilitator'"'"'s copy, merge the keeper'"'"'s extract instead, which brings what they recorded\$" out &&
	ada db merge --adopt bo.circle >out &&
	test_grep "^attendance *1 added" out &&
	ada attend mark --group $TH 2025-03-13 benjamin-b >/dev/null &&
	ada db extract -o ada.circle --force >/dev/null &&
	circle --db bo.db db merge ada.circle >out &&
	! grep -q "not merged" out &&
	test_grep "^attendance *1 added" out &&
	circle --db bo.db attend mark --group $TH 2025-03-06 --late rosa-r \
	    >/dev/null &&
	circle --db bo.db db extract -o bo.circle --force >/dev/null &&
	ada db merge bo.circle >out &&
	! grep -q "not merged" out &&
	test_grep "^attendance *0 added, 1 updated" out &&
	cy db merge ada.circle >out &&
	! grep -q "not merged" out &&
	test "$(rows "$CY" attendance)" = "$(rows "$ADA" attendance)"
'

test_expect_success 'an undo of a merge, merged again; an older extract after a newer one' '
	restart &&
	ada attend mark --group $TH 2025-03-13 rosa-r >/dev/null &&
	ada db extract -o newer.circle --force >/dev/null &&
	cy db merge newer.circle >/dev/null &&
	n=$(rows "$CY" attendance) &&
	test $n -gt 2 &&
	cy db dump | grep -v "\"change_log\"\|\"command\"\|\"removed\"\|\"network\"" >merged &&
	cy undo --yes >/dev/null &&
	test "$(rows "$CY" attendance)" = 2 &&
	cy db merge newer.circle >out &&
	test_grep "^attendance *[1-9][0-9]* added" out &&
	cy db dump | grep -v "\"change_log\"\|\"command\"\|\"removed\"\|\"network\"" >again &&
	test_cmp merged again &&
	cy db merge first.circle >out &&
	totals out >actual &&
	test_grep "^0 added, 0 updated, 0 removed" actual &&
	test "$(rows "$CY" attendance)" = $n
'

# One person in two facilitators' databases, made one at the coordinator's
# with roster merge: the record merged away is forgotten there, and what
# the other database records of them afterwards comes to the record kept.
test_expect_success 'a look-alike of two databases made one: the next merge brings their marks to the record kept' '
	restart &&
	rm -f bea.db* &&
	circle --db bea.db init >/dev/null &&
	circle --db bea.db group add --tz America/Chicago "Friday Group" \
	    >/dev/null &&
	circle --db bea.db roster add --email ben@example.org \
	    "Benjamin Brooks" >/dev/null &&
	circle --db bea.db roster join --on 2025-01-01 benjamin-b \
	    friday-group >/dev/null &&
	for d in 2025-03-07 2025-03-14; do
		circle --db bea.db session add --group friday-group $d 18:00 \
		    >/dev/null || return 1
	done &&
	circle --db bea.db attend mark --group friday-group 2025-03-07 \
	    benjamin-b >/dev/null &&
	circle --db bea.db db extract -o bea.circle >/dev/null &&
	cy db merge bea.circle >out &&
	test_grep "^look-alike: benjamin-b-2 and benjamin-b: the same e-mail: maybe one person (circle roster merge KEEP OTHER makes them one; what the file'"'"'s database records of the one merged away later is counted under the one kept)\$" out &&
	! grep -q "forgotten here, not there" out &&
	cy roster merge benjamin-b benjamin-b-2 >/dev/null &&
	circle --db bea.db attend mark --group friday-group 2025-03-14 \
	    benjamin-b >/dev/null &&
	circle --db bea.db db extract --force -o bea.circle >/dev/null &&
	cy db merge bea.circle >out &&
	test_grep "^bea.circle: 1 person the file records made one here with another record (circle roster merge): what it records of them is counted under the record kept, benjamin-b\$" out &&
	! grep -q "forgotten here, not there" out &&
	test_grep "^attendance *1 added," out &&
	test "$(cy_count_marks benjamin-b friday-group)" = 2
'

# A group whose people all joined on one day: each membership is found by
# its person, not by a scan of the group and day (8,000 people: 8 s
# before, a tenth of a second after).  Its time is make bench's (network:
# one group who joined on one day), not this test's: here, what it does.
test_expect_success 'a large group whose people joined on one day merges again, and into people' '
	{
		echo Name &&
		awk "BEGIN { for (i = 0; i < 8000; i++)
		    printf \"Person%d Test%d\\n\", i, i }"
	} >many.csv &&
	rm -f many.db* many-cy.db* &&
	circle --db many.db init >/dev/null &&
	circle --db many.db group add --tz UTC "Many" >/dev/null &&
	circle --db many.db roster import --group many many.csv >/dev/null &&
	circle --db many.db db extract -o many.circle >/dev/null &&
	circle --db many-cy.db db merge many.circle >/dev/null &&
	circle --db many-cy.db db merge many.circle >out &&
	test_grep "^membership *0 added, 0 updated, 0 removed, 8000 unchanged\$" out &&
	cp "$CY" many-cy2.db &&
	circle --db many-cy2.db db merge many.circle >out &&
	test_grep "^member *8000 added" out
'

# The same folded name in a group both are in: listed, never merged.
test_expect_success 'a new person of the same name in a group here is a look-alike' '
	restart &&
	h=$(ada roster add --new "ROSA  Rivera" | cut -f1 -d" ") &&
	ada roster join --on 2025-01-01 "$h" $TH >/dev/null &&
	ada db extract -o rosa.circle --force >/dev/null &&
	cy db merge rosa.circle >out &&
	test_grep "^member *1 added" out &&
	test_grep "^look-alike: $h and rosa-r: the same name in $TH: maybe one person" out &&
	test "$(grep -c "^look-alike" out)" = 1
'

test_done
