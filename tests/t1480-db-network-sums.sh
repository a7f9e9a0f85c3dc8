#!/bin/sh
test_description='circle db extract and merge: a plain extract carries a sum
of each page (lib/pagesum.c) in the page'"'"'s reserved bytes; a merge checks
them over the whole file first and refuses a file changed after it was
extracted, which SQLite'"'"'s quick_check does not see when a value changed;
a merge again of a file whose sums are right runs quick_check and the
text checks only when it writes; a file without sums is checked as before'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

# byte FILE OFFSET: the byte at OFFSET, in decimal.
byte() {
	od -A n -t u1 -j "$2" -N 1 "$1" | tr -d ' '
}

# refused FILE MESSAGE: merged into an empty database and into Cy's (who
# merged Ada's extract before: a merge again), as a dry run or not: exit
# 65, the message ending in MESSAGE, the database's bytes unchanged.
refused() {
	for _db in empty cy; do
		for _dry in "" --dry-run; do
			rm -f t.db* && cp "$TRASH/$_db.db" t.db &&
			test_expect_code 65 circle --db t.db db merge $_dry \
			    "$1" 2>err &&
			test_grep "$2\$" err &&
			cmp "$TRASH/$_db.db" t.db || return 1
		done
	done
}

test_expect_success 'setup: a facilitator, her extract, an empty database and a coordinator who merged it' '
	CIRCLE_DB=$ADA export_scenario &&
	ada db extract --all -o ada.circle >/dev/null &&
	circle --db empty.db init >/dev/null &&
	circle --db "$CY" init >/dev/null &&
	circle --db "$CY" db merge ada.circle >/dev/null &&
	test "$(sql "$CY" "SELECT count(*) > 0 FROM attendance")" = 1
'

test_expect_success 'a plain extract has room for its sums, says so, and is a database the sqlite3 shell reads' '
	test "$(byte ada.circle 20)" = 8 &&
	test "$(sql ada.circle "PRAGMA quick_check")" = ok &&
	test "$(sql ada.circle "SELECT value FROM network WHERE key =
	    '"'page_sums'"'")" = 1 &&
	test "$(sql ada.circle "SELECT count(*) FROM member")" -gt 0 &&
	cp ada.circle same.circle &&
	"$CIRCLE_BUILD/tests/resum" same.circle &&
	cmp ada.circle same.circle
'

# A uid in the file changed by one character where it is stored in its
# row (not in the index of uids): before the sums, this file passed
# SQLite'"'"'s quick_check (which does not compare an index with its rows,
# nor read a value), and its person came in under a uid she never had.
test_expect_success 'a byte changed inside a value is refused as damaged, nothing written' '
	u=$(sql ada.circle "SELECT uid FROM member ORDER BY id LIMIT 1") &&
	off=$(grep -a -b -o "$u" ada.circle | head -n 1 | cut -d: -f1) &&
	test -n "$off" &&
	cp ada.circle flip.circle &&
	c=$(byte flip.circle $off) &&
	if [ "$c" = 48 ]; then n=1; else n=0; fi &&
	printf "$n" | dd of=flip.circle bs=1 seek=$off conv=notrunc \
	    2>/dev/null &&
	! cmp -s ada.circle flip.circle &&
	test "$(sql flip.circle "PRAGMA quick_check")" = ok &&
	refused flip.circle "flip.circle: damaged (changed after it was extracted: page [0-9]* does not match its sum); ask for it again"
'

test_expect_success 'a file changed by the sqlite3 shell after it was extracted is refused, saying so' '
	cp ada.circle shell.circle &&
	sql shell.circle "UPDATE session SET topic = '"'changed'"'" &&
	test "$(sql shell.circle "PRAGMA quick_check")" = ok &&
	refused shell.circle "shell.circle: damaged (changed after it was extracted: page [0-9]* does not match its sum); ask for it again" &&
	cp ada.circle cut.circle &&
	truncate -s -100 cut.circle &&
	refused cut.circle "cut.circle: cut short: [0-9]* bytes of the [0-9]* it was made with (a mail program.s size limit, or a download or a copy stopped); get the file again, whole"
'

# A file that says it has sums and has no room for them (its reserved
# bytes taken away by hand: the header'"'"'s byte 20 zero) is no extract as
# made; one that does not say it (an older circle'"'"'s) is checked as before.
test_expect_success 'a file that says it has sums must have them' '
	cp ada.circle nosum.circle &&
	printf "\000" | dd of=nosum.circle bs=1 seek=20 conv=notrunc \
	    2>/dev/null &&
	if [ "$(sql nosum.circle "PRAGMA quick_check" | head -n 1)" = ok ]
	then
		refused nosum.circle "nosum.circle: damaged (changed after it was extracted: its pages have no room for their sums); ask for it again"
	else
		refused nosum.circle "nosum.circle: damaged (SQLite'"'"'s quick_check fails)"
	fi
'

# An extract as circle made it before the sums: no reserved bytes, no
# page_sums in its network table (made here by the sqlite3 shell from a
# dump of a new one).  It merges, first and again, and its damage is
# found by quick_check as before.
test_expect_success 'an extract without sums (an older circle'"'"'s) merges, checked as before' '
	sql ada.circle .dump >ada.sql &&
	rm -f old.circle &&
	sql old.circle <ada.sql &&
	sql old.circle "DELETE FROM network WHERE key = '"'page_sums'"';
	    PRAGMA application_id = $(sql ada.circle "PRAGMA application_id");
	    PRAGMA user_version = $(sql ada.circle "PRAGMA user_version")" &&
	test "$(byte old.circle 20)" = 0 &&
	rm -f o.db* &&
	circle --db o.db db merge old.circle >out &&
	test_grep "^old.circle: [1-9][0-9]* added" out &&
	circle --db o.db db merge old.circle >out &&
	test_grep "^old.circle: 0 added, 0 updated" out &&
	_root=$(sql old.circle "SELECT rootpage FROM sqlite_schema WHERE
	    name = '"'member'"'") &&
	_ps=$(sql old.circle "PRAGMA page_size") &&
	printf "\377\377\377\377\377\377\377\377" | dd of=old.circle bs=1 \
	    seek=$(( (_root - 1) * _ps )) conv=notrunc 2>/dev/null &&
	refused old.circle "old.circle: damaged (SQLite'"'"'s quick_check fails)"
'

# Files changed on purpose, their sums written again (resum): the sums
# rule out an accident only.  Cy merged Ada'"'"'s extract before, so a merge
# again of such a file runs the checks only when it writes, before COMMIT.
test_expect_success 'a merge again that writes a row of bad text runs the text checks' '
	cp ada.circle ctl.circle &&
	sql ctl.circle "UPDATE member SET display_name = display_name ||
	    char(27) || '"'[2J'"', updated_at = '"'2999-01-01T00:00:00Z'"'
	    WHERE id = (SELECT min(id) FROM member)" &&
	resum ctl.circle &&
	refused ctl.circle "ctl.circle: member: text with a control character or not UTF-8 in 1 row"
'

test_expect_success 'a merge again that writes runs quick_check: a page no merge reads, damaged' '
	cp ada.circle dmg.circle &&
	sql dmg.circle "UPDATE session SET topic = '"'moved'"', updated_at =
	    '"'2999-01-01T00:00:00Z'"' WHERE id = (SELECT min(id) FROM
	    session)" &&
	_ps=$(sql dmg.circle "PRAGMA page_size") &&
	_root=$(sql dmg.circle "SELECT rootpage FROM sqlite_schema WHERE
	    name = '"'answer'"'") &&
	printf "\377\377\377\377\377\377\377\377" | dd of=dmg.circle bs=1 \
	    seek=$(( (_root - 1) * _ps )) conv=notrunc 2>/dev/null &&
	resum dmg.circle &&
	test "$(sql dmg.circle "PRAGMA quick_check" | head -n 1)" != ok &&
	refused dmg.circle "dmg.circle: damaged (SQLite'"'"'s quick_check fails)"
'

# The same file changed where the merge writes nothing (the row not newer
# than Cy'"'"'s): a merge again that writes nothing changes nothing, and
# needs no checks; a first merge, which writes it, refuses it.
test_expect_success 'a merge again that writes nothing runs no checks, and changes nothing' '
	cp ada.circle quiet.circle &&
	sql quiet.circle "UPDATE member SET display_name = display_name ||
	    char(27) || '"'[2J'"' WHERE id = (SELECT min(id) FROM member)" &&
	resum quiet.circle &&
	cy db dump >before &&
	cy db merge quiet.circle >out &&
	test_grep "^quiet.circle: 0 added, 0 updated" out &&
	cy db dump >after &&
	test_cmp before after &&
	rm -f t.db* && cp empty.db t.db &&
	test_expect_code 65 circle --db t.db db merge quiet.circle 2>err &&
	test_grep "quiet.circle: member: text with a control character or not UTF-8 in 1 row$" err
'

# A table whose writes the update hook never hears of (WITHOUT ROWID, or
# virtual) in the schema: a merge that wrote could pass for one that did
# not, so a merge again runs the checks first, as a first merge does.
test_expect_success 'a WITHOUT ROWID table in the schema: a merge again runs the checks first' '
	cp "$CY" wr.db &&
	sql wr.db "CREATE TABLE zz (k TEXT PRIMARY KEY) WITHOUT ROWID" &&
	cp quiet.circle wrq.circle &&
	sql wrq.circle "CREATE TABLE zz (k TEXT PRIMARY KEY) WITHOUT ROWID" &&
	resum wrq.circle &&
	cp wr.db wr-before.db &&
	test_expect_code 65 circle --db wr.db db merge wrq.circle 2>err &&
	test_grep "wrq.circle: member: text with a control character or not UTF-8 in 1 row$" err &&
	cmp wr-before.db wr.db
'

# A database SQLite may make with the largest pages and with auto_vacuum
# (pointer-map pages): made from an extract by the sqlite3 shell (VACUUM
# keeps its reserved bytes), its sums written again.  Each page is summed
# from its own number: merged first and again, and a byte changed refused.
test_expect_success 'an extract of 65536-byte pages with auto_vacuum, its sums written again, merges; a byte changed is refused' '
	cp ada.circle big.circle &&
	sql big.circle "PRAGMA page_size = 65536; PRAGMA auto_vacuum = FULL;
	    VACUUM" &&
	test "$(sql big.circle "PRAGMA page_size")" = 65536 &&
	test "$(sql big.circle "PRAGMA auto_vacuum")" = 1 &&
	test "$(byte big.circle 20)" = 8 &&
	resum big.circle &&
	rm -f b.db* && circle --db b.db init >/dev/null &&
	circle --db b.db db merge big.circle >out &&
	test_grep "^big.circle: [1-9][0-9]* added" out &&
	circle --db b.db db merge big.circle >out &&
	test_grep "^big.circle: 0 added, 0 updated" out &&
	_last=$(( $(wc -c <big.circle) - 65536 + 100 )) &&
	cp big.circle bigflip.circle &&
	printf "\001" | dd of=bigflip.circle bs=1 seek=$_last conv=notrunc \
	    2>/dev/null &&
	! cmp -s big.circle bigflip.circle &&
	refused bigflip.circle "bigflip.circle: damaged (changed after it was extracted: page $(( $(wc -c <big.circle) / 65536 )) does not match its sum); ask for it again"
'

# A forget is a write: a merge again whose only change is a person the
# file forgets (a deletion here) runs the checks, and a file with bad
# text where nothing is written is refused by them, nothing deleted.
test_expect_success 'a merge again that only deletes (a person forgotten there) runs the checks' '
	h=$(ada roster add "Forgettable Person") &&
	ada roster join --on 2025-01-01 $h open-door &&
	ada db extract --all --force -o f1.circle >/dev/null &&
	circle --db "$CY" db merge f1.circle >/dev/null &&
	cp "$CY" cyf.db &&
	ada roster forget --yes $h >/dev/null &&
	ada db extract --all --force -o f2.circle >/dev/null &&
	sql f2.circle "UPDATE grp SET name = name || char(27) || '"'[2J'"'
	    WHERE id = (SELECT min(id) FROM grp)" &&
	resum f2.circle &&
	test_expect_code 65 circle --db cyf.db db merge f2.circle 2>err &&
	test_grep "f2.circle: grp: text with a control character or not UTF-8 in 1 row$" err &&
	circle --db cyf.db roster show $h >/dev/null &&
	test_expect_code 65 circle --db cyf.db db merge --dry-run f2.circle 2>err &&
	test_grep "f2.circle: grp: text with a control character or not UTF-8 in 1 row$" err
'

# An extract of an older schema with sums (the fuzz corpus's schema-11
# extract, given room for them by the sqlite3 shell, marked, its sums
# written): the sums are checked over the bytes as they came, before it
# is migrated in memory; merged first and again, and a byte of a uid
# changed refused by them.
test_expect_success 'an older schema'"'"'s extract with sums merges first and again; a byte changed is refused' '
	cp "$CIRCLE_SRC/fuzz/corpus/merge/extract.circle" oldsum.circle &&
	chmod u+w oldsum.circle &&
	test "$(sql oldsum.circle "PRAGMA user_version")" -lt \
	    "$(sql ada.circle "PRAGMA user_version")" &&
	sql oldsum.circle ".filectrl reserve_bytes 8" "VACUUM" \
	    "INSERT INTO network (key, value) VALUES ('"'page_sums'"', 1)" &&
	test "$(byte oldsum.circle 20)" = 8 &&
	resum oldsum.circle &&
	rm -f os.db* && circle --db os.db init >/dev/null &&
	circle --db os.db db merge oldsum.circle >out &&
	test_grep "^oldsum.circle: [1-9][0-9]* added" out &&
	circle --db os.db db merge oldsum.circle >out &&
	test_grep "^oldsum.circle: 0 added, 0 updated" out &&
	u=$(sql oldsum.circle "SELECT uid FROM member ORDER BY id LIMIT 1") &&
	off=$(grep -a -b -o "$u" oldsum.circle | head -n 1 | cut -d: -f1) &&
	test -n "$off" &&
	cp oldsum.circle oldflip.circle &&
	c=$(byte oldflip.circle $off) &&
	if [ "$c" = 48 ]; then n=1; else n=0; fi &&
	printf "$n" | dd of=oldflip.circle bs=1 seek=$off conv=notrunc \
	    2>/dev/null &&
	cp os.db os0.db &&
	test_expect_code 65 circle --db os.db db merge oldflip.circle 2>err &&
	test_grep "oldflip.circle: damaged (changed after it was extracted: page [0-9]* does not match its sum); ask for it again$" err &&
	cmp os0.db os.db
'

test_done
