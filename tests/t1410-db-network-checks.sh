#!/bin/sh
test_description='circle db merge: the checks of the file run on a thread
of their own while the merge stages the rest; a file that fails one is
refused with the message it had when they ran on one thread, whichever
check finds it, and nothing is written; a file that passes them merges
the same either way'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

# corrupt FILE TABLE: the first page of a table made no b-tree page at
# all: SQLite's quick_check fails, the file's header and schema are whole.
corrupt() {
	_ps=$(sql "$1" "PRAGMA page_size") &&
	_root=$(sql "$1" "SELECT rootpage FROM sqlite_schema WHERE name =
	    '$2'") &&
	printf '\377\377\377\377\377\377\377\377' | dd of="$1" bs=1 \
	    seek=$(( (_root - 1) * _ps )) conv=notrunc 2>/dev/null
}

# refused FILE MESSAGE: merged into an empty database and into Cy's (who
# has attendance: no scan of it on the thread), as a dry run or not, the
# checks on their thread or all on one: exit 65, the same message each
# time, ending in MESSAGE, and the database's bytes unchanged.
refused() {
	rm -f first.err &&
	for _db in empty cy; do
		for _how in thread one; do
			for _dry in "" --dry-run; do
				rm -f t.db* && cp "$TRASH/$_db.db" t.db &&
				if [ $_how = one ]; then
					CIRCLE_MERGE_ONE_THREAD=1 \
					    test_expect_code 65 circle --db t.db \
					    db merge $_dry "$1" 2>err
				else
					test_expect_code 65 circle --db t.db \
					    db merge $_dry "$1" 2>err
				fi &&
				test_grep "$2\$" err &&
				cmp "$TRASH/$_db.db" t.db &&
				if [ -e first.err ]; then
					test_cmp first.err err
				else
					cp err first.err
				fi || return 1
			done
		done
	done
}

test_expect_success 'setup: a facilitator, an extract, an empty database and a coordinator' '
	CIRCLE_DB=$ADA export_scenario &&
	ada db extract --all -o ada.circle >/dev/null &&
	circle --db empty.db init >/dev/null &&
	circle --db "$CY" init >/dev/null &&
	circle --db "$CY" db merge ada.circle >/dev/null &&
	test "$(sql "$CY" "SELECT count(*) > 0 FROM attendance")" = 1
'

test_expect_success 'a file that passes the checks merges the same on one thread or two' '
	for _how in thread one; do
		rm -f m.db* && circle --db m.db init >/dev/null &&
		if [ $_how = one ]; then
			CIRCLE_MERGE_ONE_THREAD=1 circle --db m.db db merge \
			    ada.circle >out.$_how
		else
			circle --db m.db db merge ada.circle >out.$_how
		fi &&
		test "$(circle --db m.db db check)" = ok &&
		sql m.db "SELECT * FROM attendance ORDER BY id" >att.$_how &&
		sql m.db "SELECT uid, display_name FROM member ORDER BY id" \
		    >member.$_how || return 1
	done &&
	test_cmp out.one out.thread &&
	test_cmp att.one att.thread &&
	test_cmp member.one member.thread &&
	test -s att.thread
'

# Found on the thread only, and before the merge needs it: text in a table
# checked whole, a damaged page.
test_expect_success 'a control character in a table checked whole is refused' '
	cp ada.circle ctl.circle &&
	sql ctl.circle "UPDATE member SET display_name = display_name ||
	    char(27) || '"'[2J'"' WHERE id = (SELECT min(id) FROM member)" &&
	refused ctl.circle "ctl.circle: member: text with a control character or not UTF-8 in 1 row"
'

test_expect_success 'a damaged file is refused before anything reads it' '
	cp ada.circle dmg.circle &&
	corrupt dmg.circle member &&
	test "$(sql dmg.circle "PRAGMA quick_check" | head -n 1)" != ok &&
	refused dmg.circle "dmg.circle: damaged (SQLite'"'"'s quick_check fails)"
'

test_expect_success 'a first merge that fails, a wrong passphrase or a dry run leaves no database behind' '
	cp ada.circle dmg2.circle &&
	corrupt dmg2.circle member &&
	test_expect_code 65 circle --db new.db db merge dmg2.circle 2>err &&
	test_grep "damaged" err &&
	! test -e new.db &&
	printf "a long passphrase\n" >pass && chmod 600 pass &&
	printf "another one\n" >wrong && chmod 600 wrong &&
	ada db extract --all --encrypt --passphrase-file pass -o sealed.circle >/dev/null &&
	test_expect_code 65 circle --db new.db db merge --passphrase-file wrong sealed.circle 2>err &&
	test_grep "wrong passphrase or damaged file" err &&
	! test -e new.db &&
	circle --db new.db db merge --dry-run --passphrase-file pass sealed.circle >out &&
	test_grep "^dry run, nothing written" out &&
	! test -e new.db &&
	ls new.db* 2>/dev/null | wc -l >n && echo 0 >expect && test_cmp expect n &&
	circle --db new.db db merge --passphrase-file pass sealed.circle >/dev/null &&
	test -f new.db &&
	test_expect_code 65 circle --db new.db db merge --passphrase-file wrong sealed.circle 2>err &&
	test -f new.db
'

test_expect_success 'a whole circle database sent instead of an extract is said to be one' '
	test "$(sql "$ADA" "PRAGMA journal_mode")" = wal &&
	test_expect_code 65 circle --db "$CY" db merge "$ADA" 2>err &&
	test_grep "a circle database but not an extract (make one of it with circle --db [^ ]* db extract --all -o FILE, and merge FILE)" err &&
	cp "$ADA" sent.db &&
	circle --db sent.db db extract --all -o sent.circle >/dev/null &&
	circle --db "$TRASH/hint.db" db merge sent.circle >out &&
	test_grep "^sent.circle: [1-9][0-9]* added" out &&
	sql "$TRASH/other.db" "PRAGMA journal_mode = wal; CREATE TABLE t (a)" >/dev/null &&
	test_expect_code 65 circle --db "$CY" db merge "$TRASH/other.db" 2>err &&
	test_grep ": not a circle extract$" err
'

test_expect_success 'a roster, a workbook or a calendar sent instead of an extract: said what it is, nothing written' '
	cp "$CY" cy-before.db &&
	printf "name,email\nAnn Lee,ann@example.org\n" >roster.csv &&
	test_expect_code 65 circle --db "$CY" db merge roster.csv 2>err &&
	test_grep "roster.csv: a CSV file (or other table of rows), not a circle extract (what circle db extract writes)$" err &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n" >cal.circle &&
	test_expect_code 65 circle --db "$CY" db merge cal.circle 2>err &&
	test_grep "cal.circle: an iCalendar file (.ics), not a circle extract" err &&
	cmp cy-before.db "$CY"
'

# The order of the checks is kept: quick_check, the file'"'"'s origin, then
# the text of its tables.
test_expect_success 'a damaged file without an origin is said damaged' '
	cp ada.circle dmg-no.circle &&
	sql dmg-no.circle "DELETE FROM network WHERE key = '"'origin'"'" &&
	corrupt dmg-no.circle member &&
	refused dmg-no.circle "dmg-no.circle: damaged (SQLite'"'"'s quick_check fails)"
'

test_expect_success 'a file without an origin and with bad text is said no extract' '
	cp ctl.circle ctl-no.circle &&
	sql ctl-no.circle "DELETE FROM network WHERE key = '"'origin'"'" &&
	refused ctl-no.circle "ctl-no.circle: a circle database, not an extract, and never extracted from: ask its facilitator for an extract (circle db extract --all -o FILE, on their computer); an extract made here of this copy would be another database'"'"'s, and each group in it would need '"'"'circle db merge --adopt'"'"' once when their own extracts come"
'

# Attendance, scanned on the thread for a first merge (its text, ids and
# indexes), checked where the rows are written into a database that has
# some: a row newer there with a control character.
test_expect_success 'a control character in attendance is refused' '
	cp ada.circle ctl-att.circle &&
	sql ctl-att.circle "UPDATE attendance SET note = '"'late'"' ||
	    char(27) || '"'[2J'"', updated_at = '"'2999-01-01T00:00:00Z'"'
	    WHERE id = (SELECT max(id) FROM attendance)" &&
	refused ctl-att.circle "ctl-att.circle: attendance: text with a control character or not UTF-8 in 1 row"
'

# The two attendance indexes swapped: the keysums of the thread'"'"'s scan
# disagree with the table'"'"'s, and the file is merged row by row.
test_expect_success 'a file whose attendance indexes disagree with its rows is not copied' '
	cp ada.circle swapped.circle &&
	p1=$(sql swapped.circle "SELECT rootpage FROM sqlite_schema WHERE
	    name = '"'attendance_member'"'") &&
	p2=$(sql swapped.circle "SELECT rootpage FROM sqlite_schema WHERE
	    name = '"'sqlite_autoindex_attendance_1'"'") &&
	sql swapped.circle "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET rootpage = $p2 WHERE name =
	    '"'attendance_member'"';
	    UPDATE sqlite_schema SET rootpage = $p1 WHERE name =
	    '"'sqlite_autoindex_attendance_1'"'" &&
	resum swapped.circle &&
	test "$(sql swapped.circle "PRAGMA quick_check")" = ok &&
	for _how in thread one; do
		rm -f s.db* && circle --db s.db init >/dev/null &&
		if [ $_how = one ]; then
			CIRCLE_MERGE_ONE_THREAD=1 circle --db s.db db merge \
			    swapped.circle >/dev/null
		else
			circle --db s.db db merge swapped.circle >/dev/null
		fi &&
		test "$(circle --db s.db db check)" = ok &&
		sql s.db "SELECT session_id, member_id, status FROM attendance
		    ORDER BY 1, 2" >swapped.$_how || return 1
	done &&
	test_cmp swapped.one swapped.thread &&
	sql m.db "SELECT session_id, member_id, status FROM attendance
	    ORDER BY 1, 2" >att.rows &&
	test_cmp att.rows swapped.thread
'

# One entry of an attendance index naming another person than its row
# does (the row changed, the index not): the index in order and the rows
# the same in number, only the keysums differ (mergeattend.c; the three
# small ids of a row hashed as one word).  The same file untouched is
# copied; this one is merged row by row, as its table has it.
test_expect_success 'a file whose attendance index names another person in one entry is not copied' '
	merge_traced c.db ada.circle &&
	copied c.db &&
	cp ada.circle stale.circle &&
	id=$(sql stale.circle "SELECT max(id) FROM attendance") &&
	to=$(sql stale.circle "SELECT max(id) FROM member WHERE id NOT IN
	    (SELECT member_id FROM attendance WHERE session_id = (SELECT
	    session_id FROM attendance WHERE id = $id))") &&
	stale_entry stale.circle $id $to &&
	merge_traced s.db stale.circle &&
	! copied s.db &&
	sed "s/^stale\.circle:/ada.circle:/" s.db.out >s.out.named &&
	test_cmp c.db.out s.out.named &&
	test "$(sql s.db "PRAGMA integrity_check")" = ok &&
	attendance_of stale.circle >att.file &&
	attendance_of s.db >att.merged &&
	test_cmp att.file att.merged
'

# A value stored as raw bytes (a BLOB: circle writes none in a table an
# extract carries) is read as text wherever it is shown or exported: its
# bytes are checked as text'"'"'s, in a table checked whole and in
# attendance (the first merge and again).
test_expect_success 'a BLOB where text belongs is checked as text' '
	cp ada.circle blob.circle &&
	sql blob.circle "UPDATE member SET display_name = CAST(display_name
	    || char(27) || '"'[2J'"' AS BLOB) WHERE id = (SELECT min(id) FROM
	    member)" &&
	refused blob.circle "blob.circle: member: text with a control character or not UTF-8 in 1 row" &&
	cp ada.circle blob-att.circle &&
	sql blob-att.circle "UPDATE attendance SET note = CAST('"'late'"' ||
	    char(27) || '"'[2J'"' AS BLOB), updated_at =
	    '"'2999-01-01T00:00:00Z'"' WHERE id = (SELECT max(id) FROM
	    attendance)" &&
	refused blob-att.circle "blob-att.circle: attendance: text with a control character or not UTF-8 in 1 row"
'

# A plain file is read in place under a read lease (mergecheck.c): only
# where every write goes through an open on this machine (the types
# circle_merge_map takes), with /proc/locks to see the lease in.
test_lazy_prereq LEASE '
	test -r /proc/locks &&
	case $(stat -f -c %t .) in
	ef53|58465342|9123683e|f2f52010|1021994) ;;
	*) false ;;
	esac
'

# merged_as_first DB OUT: DB holds what the first merge into m.db wrote,
# and OUT says what it said.
merged_as_first() {
	test_cmp out.thread "$2" &&
	test "$(circle --db "$1" db check)" = ok &&
	sql "$1" "SELECT * FROM attendance ORDER BY id" >att.l &&
	sql "$1" "SELECT uid, display_name FROM member ORDER BY id" >member.l &&
	test_cmp att.thread att.l &&
	test_cmp member.thread member.l
}

test_expect_success 'a file someone has open for writing is merged from a copy, the same' '
	mkdir -p held && cp ada.circle held/ada.circle &&
	rm -f h.db* && circle --db h.db init >/dev/null &&
	exec 3>>held/ada.circle &&
	(cd held && circle --db ../h.db db merge ada.circle >../out.h) &&
	exec 3>&- &&
	merged_as_first h.db out.h
'

# lease_is STATE INODE: /proc/locks shows a lease in STATE on the file of
# INODE within a second and a half.
lease_is() {
	_n=0
	until grep -q "LEASE *$1 .*:$2 " /proc/locks; do
		_n=$((_n + 1)) &&
		test $_n -lt 150 &&
		sleep 0.01 || return 1
	done
}

# The coordinator'"'"'s database held by another writer for two seconds:
# the merge waits for it with the file mapped and its lease taken; the
# file is then opened for writing (which waits for the lease), so that
# the lease is broken while the merge reads the file.  The merge must see
# it and merge again from a copy: the same output, the same rows.
test_expect_success LEASE 'a file opened for writing while it is merged in place is merged again from a copy, the same' '
	mkdir -p lease && cp ada.circle lease/ada.circle &&
	ino=$(stat -c %i lease/ada.circle) &&
	rm -f l.db* && circle --db l.db init >/dev/null &&
	{ { echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;"; } |
	    "$SQLITE3" l.db & } &&
	sleep 0.2 &&
	{ (cd lease && circle --db ../l.db db merge ada.circle >../out.l \
	    2>../err.l; echo $? >../rc.l) & } &&
	lease_is "ACTIVE *READ" $ino &&
	{ (exec 3>>lease/ada.circle) & } &&
	lease_is BREAKING $ino &&
	wait &&
	test "$(cat rc.l)" = 0 &&
	test_must_be_empty err.l &&
	merged_as_first l.db out.l
'

# The same with a command too large to keep undo data for: the merge read
# again from its copy is recorded, as too large to undo (test-db has the
# write tried again after it found that: it is not carried over).
test_expect_success LEASE 'a large merge read again from a copy is still recorded, as large' '
	mkdir -p lease2 && cp ada.circle lease2/ada.circle &&
	ino=$(stat -c %i lease2/ada.circle) &&
	rm -f l2.db* && circle --db l2.db init >/dev/null &&
	{ { echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;"; } |
	    "$SQLITE3" l2.db & } &&
	sleep 0.2 &&
	{ (cd lease2 && CIRCLE_UNDO_MAX_BYTES=2000 circle --db ../l2.db \
	    db merge ada.circle >../out.l2 2>../err.l2; echo $? >../rc.l2) & } &&
	lease_is "ACTIVE *READ" $ino &&
	{ (exec 3>>lease2/ada.circle) & } &&
	lease_is BREAKING $ino &&
	wait &&
	test "$(cat rc.l2)" = 0 &&
	test_must_be_empty err.l2 &&
	test "$(sql l2.db "SELECT verb || '"'"' '"'"' || undo FROM command")" = "merge large"
'

test_done
